import { describe, expect, it } from 'vitest';
import { MalformedPolicyDocument, parsePolicyDocument } from '../../src/collect/policy-document.ts';

const trust = {
  Version: '2012-10-17',
  Statement: {
    Sid: 'Trust',
    Effect: 'Allow',
    Principal: { AWS: 'arn:aws:iam::111122223333:root', Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] },
    Action: 'sts:AssumeRole',
    Condition: { Bool: { 'aws:MultiFactorAuthPresent': true }, NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } },
  },
};

const normalizedTrust = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Trust',
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::111122223333:root'], Service: ['ec2.amazonaws.com', 'lambda.amazonaws.com'] },
      Action: ['sts:AssumeRole'],
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': ['true'] }, NumericLessThan: { 'aws:MultiFactorAuthAge': ['3600'] } },
    },
  ],
};

describe('parsePolicyDocument', () => {
  it('decodes a URL-encoded document and normalizes every list', () => {
    expect(parsePolicyDocument(encodeURIComponent(JSON.stringify(trust)))).toStrictEqual(normalizedTrust);
  });

  it('reads raw JSON (moto) the same way, without URL-decoding what is inside it', () => {
    const raw = JSON.stringify({
      Statement: [{ Effect: 'Deny', NotAction: ['s3:Get*', 's3:List*'], NotResource: 'arn:aws:s3:::a%20b/*' }],
    });
    expect(parsePolicyDocument(raw)).toStrictEqual({
      Statement: [{ Effect: 'Deny', NotAction: ['s3:Get*', 's3:List*'], NotResource: ['arn:aws:s3:::a%20b/*'] }],
    });
    expect(parsePolicyDocument(encodeURIComponent(raw)).Statement[0]?.NotResource).toEqual(['arn:aws:s3:::a%20b/*']);
  });

  it('keeps Principal "*" as it is, and a "*" inside a principal type as a list', () => {
    const document = {
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' },
        { Effect: 'Deny', NotPrincipal: { AWS: '*' }, Action: '*', Resource: '*', Condition: { Null: { 'aws:x': ['true', 'false'] } } },
      ],
    };
    expect(parsePolicyDocument(JSON.stringify(document)).Statement).toStrictEqual([
      { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: ['*'] },
      { Effect: 'Deny', NotPrincipal: { AWS: ['*'] }, Action: ['*'], Resource: ['*'], Condition: { Null: { 'aws:x': ['true', 'false'] } } },
    ]);
  });

  it.each([
    ['not JSON', '%7B%22Statement', /not a JSON policy document/],
    ['a bad percent escape', '%E0%A4%A', /not a JSON policy document/],
    ['an array', '[]', /not a JSON policy document|must be a JSON object/],
    ['no Statement', '{"Version":"2012-10-17"}', /no Statement/],
    ['an unknown element', '{"Statement":[],"Extra":1}', /unknown element Extra/],
    ['an unknown statement element', '{"Statement":{"Effect":"Allow","Actions":"*"}}', /Statement\[0\]: unknown element Actions/],
    ['a bad Effect', '{"Statement":{"Effect":"allow","Action":"*"}}', /Effect must be Allow or Deny/],
    ['a non-string action', '{"Statement":{"Effect":"Allow","Action":["s3:*",7]}}', /Statement\[0\]\.Action: must be a string/],
    ['a statement that is not an object', '{"Statement":["Allow"]}', /Statement\[0\]: must be a JSON object/],
    ['a non-string Sid', '{"Statement":{"Sid":1,"Effect":"Allow"}}', /Statement\[0\]\.Sid: must be a string/],
    ['an object condition value', '{"Statement":{"Effect":"Allow","Condition":{"StringEquals":{"k":{"a":1}}}}}', /values must be strings/],
    ['a principal that is a list', '{"Statement":{"Effect":"Allow","Principal":["*"]}}', /Principal: must be a JSON object/],
  ])('refuses %s with MalformedPolicyDocument', (_, text, message) => {
    expect(() => parsePolicyDocument(text)).toThrow(MalformedPolicyDocument);
    expect(() => parsePolicyDocument(text)).toThrow(message);
  });

  it('names the failure MalformedPolicyDocument, the code the collector records', () => {
    expect(() => parsePolicyDocument('{')).toThrow(expect.objectContaining({ name: 'MalformedPolicyDocument' }));
  });
});
