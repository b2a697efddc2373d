// A fault-injecting HTTP proxy on 127.0.0.1, in front of a test's moto server: it forwards each request, or answers
// it with a fault, as its rules say. Which requests a rule hits is decided by hashing the seed with the request
// itself (and how many times that same request was seen), not by arrival order, so concurrent runs are repeatable.
import { createHash } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * - `throttle`: HTTP 400 with the protocol's throttling error (`ThrottlingException`, `Throttling`,
 *   `RequestLimitExceeded`; S3's `SlowDown` is a 503);
 * - `too-many-requests`: HTTP 429 with the same error;
 * - `server-error`: HTTP 500 with the protocol's internal error;
 * - `deny`: the protocol's access-denied error;
 * - `reset`: the service's real answer, cut off halfway through the body by a connection reset;
 * - `timeout`: no answer at all; the connection stays open until the client gives up.
 */
export type Fault = 'throttle' | 'too-many-requests' | 'server-error' | 'deny' | 'reset' | 'timeout';

export interface FaultRule {
  /** SigV4 signing name (`iam`, `cloudtrail`, `config`, `s3`, `sts` ...); any when omitted. */
  service?: string;
  /** The operation, for RPC protocols (JSON `X-Amz-Target`, query `Action`); any when omitted. */
  operation?: string;
  region?: string;
  /** A string the request body must contain (a role ARN in AssumeRole). */
  bodyIncludes?: string;
  fault: Fault;
  /** Share of the matching requests that get the fault (default 1). */
  rate?: number;
  /** At most this many faults from this rule (default: no limit). */
  times?: number;
}

export interface FaultProxy {
  endpoint: string;
  /** Requests received, faulted or not. */
  readonly requests: number;
  /** Every fault injected, as `fault service operation`. */
  readonly injected: string[];
  setRules(rules: FaultRule[]): void;
  stop(): Promise<void>;
}

interface RequestInfo {
  service: string;
  region: string;
  operation: string;
  protocol: Protocol;
  body: string;
  key: string;
}

type Protocol = 'json' | 'query' | 'ec2' | 'rest-json' | 'rest-xml';

export async function startFaultProxy(target: string, seed: number, initialRules: FaultRule[] = []): Promise<FaultProxy> {
  const upstream = new URL(target);
  let rules = initialRules;
  let hits = new Map<FaultRule, number>();
  const seen = new Map<string, number>();
  const injected: string[] = [];
  const sockets = new Set<Socket>();
  let requests = 0;

  const chooseFault = (info: RequestInfo): Fault | undefined => {
    const occurrence = (seen.get(info.key) ?? 0) + 1;
    seen.set(info.key, occurrence);
    for (const [index, rule] of rules.entries()) {
      if (!matches(rule, info)) continue;
      if (rule.times !== undefined && (hits.get(rule) ?? 0) >= rule.times) continue;
      if (unitHash(`${seed}|${index}|${occurrence}|${info.key}`) >= (rule.rate ?? 1)) continue;
      hits.set(rule, (hits.get(rule) ?? 0) + 1);
      return rule.fault;
    }
    return undefined;
  };

  const server = createServer(async (req, res) => {
    requests++;
    const body = await readBody(req);
    const info = describeRequest(req, body);
    const fault = chooseFault(info);
    if (fault) injected.push(`${fault} ${info.service} ${info.operation}`);
    if (fault === 'timeout') return; // hold the request: the client's timeout must end it
    if (fault && fault !== 'reset') return sendError(res, info.protocol, fault);
    forward(upstream, req, body, res, fault === 'reset');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('fault proxy: no address');

  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    get requests() {
      return requests;
    },
    injected,
    setRules(next) {
      rules = next;
      hits = new Map();
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function matches(rule: FaultRule, info: RequestInfo): boolean {
  return (
    (rule.service === undefined || rule.service === info.service) &&
    (rule.operation === undefined || rule.operation === info.operation) &&
    (rule.region === undefined || rule.region === info.region) &&
    (rule.bodyIncludes === undefined || info.body.includes(rule.bodyIncludes))
  );
}

/** A number in [0, 1) from a string: the proxy's only source of chance. */
function unitHash(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Service and region from the SigV4 credential scope; the operation from the RPC protocols' own fields. */
function describeRequest(req: IncomingMessage, body: string): RequestInfo {
  const scope = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(req.headers.authorization ?? '');
  const region = scope?.[1] ?? '';
  const service = scope?.[2] ?? '';
  const target = req.headers['x-amz-target'];
  const contentType = req.headers['content-type'] ?? '';
  let protocol: Protocol;
  let operation = '';
  if (typeof target === 'string') {
    protocol = 'json';
    operation = target.split('.').pop() ?? '';
  } else if (contentType.includes('x-www-form-urlencoded')) {
    protocol = service === 'ec2' ? 'ec2' : 'query';
    operation = new URLSearchParams(body).get('Action') ?? '';
  } else {
    protocol = service === 's3' ? 'rest-xml' : 'rest-json';
  }
  const key = `${req.method} ${req.url} ${target ?? ''} ${region}/${service} ${body}`;
  return { service, region, operation, protocol, body, key };
}

const ERROR_CODES: Record<Exclude<Fault, 'reset' | 'timeout'>, Record<Protocol, [status: number, code: string]>> = {
  throttle: {
    json: [400, 'ThrottlingException'],
    query: [400, 'Throttling'],
    ec2: [400, 'RequestLimitExceeded'],
    'rest-json': [400, 'ThrottlingException'],
    'rest-xml': [503, 'SlowDown'],
  },
  'too-many-requests': {
    json: [429, 'ThrottlingException'],
    query: [429, 'Throttling'],
    ec2: [429, 'RequestLimitExceeded'],
    'rest-json': [429, 'TooManyRequestsException'],
    'rest-xml': [429, 'SlowDown'],
  },
  'server-error': {
    json: [500, 'InternalFailure'],
    query: [500, 'InternalFailure'],
    ec2: [500, 'InternalError'],
    'rest-json': [500, 'InternalServerException'],
    'rest-xml': [500, 'InternalError'],
  },
  deny: {
    json: [400, 'AccessDeniedException'],
    query: [403, 'AccessDenied'],
    ec2: [403, 'UnauthorizedOperation'],
    'rest-json': [403, 'AccessDeniedException'],
    'rest-xml': [403, 'AccessDenied'],
  },
};

/** An error as the protocol's real services write it, so the SDK parses it as it would AWS's. */
function sendError(res: ServerResponse, protocol: Protocol, fault: keyof typeof ERROR_CODES): void {
  const [status, code] = ERROR_CODES[fault][protocol];
  const message = `injected by the fault proxy: ${fault}`;
  const headers: Record<string, string> = { 'x-amzn-requestid': 'fault-proxy' };
  let body: string;
  if (protocol === 'json') {
    headers['content-type'] = 'application/x-amz-json-1.1';
    body = JSON.stringify({ __type: code, message });
  } else if (protocol === 'rest-json') {
    headers['content-type'] = 'application/json';
    headers['x-amzn-errortype'] = code;
    body = JSON.stringify({ message });
  } else if (protocol === 'ec2') {
    headers['content-type'] = 'text/xml';
    body = `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>`;
  } else if (protocol === 'query') {
    headers['content-type'] = 'text/xml';
    body = `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`;
  } else {
    headers['content-type'] = 'application/xml';
    body = `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault-proxy</RequestId></Error>`;
  }
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Sends the request on as it came (the signature covers the Host header, so that stays too). */
function forward(upstream: URL, req: IncomingMessage, body: string, res: ServerResponse, cutOff: boolean): void {
  const outgoing = httpRequest(
    { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const whole = Buffer.concat(chunks);
        const { 'transfer-encoding': _chunked, connection: _connection, ...headers } = answer.headers;
        res.writeHead(answer.statusCode ?? 502, { ...headers, 'content-length': String(whole.length) });
        if (!cutOff) return void res.end(whole);
        res.write(whole.subarray(0, Math.floor(whole.length / 2)), () => res.socket?.destroy());
      });
    },
  );
  outgoing.on('error', () => res.socket?.destroy());
  outgoing.end(body);
}
