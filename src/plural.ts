/** `1 rule`, `2 rules`: counts in messages, spelled one way everywhere. */
export function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
