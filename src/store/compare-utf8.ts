/**
 * Orders strings by their UTF-8 bytes, as LevelDB orders keys, so every adapter lists records in
 * the same order (JavaScript's `<` compares UTF-16 units, which differs above U+FFFF).
 */
export function compareUtf8(left: string, right: string): number {
  return Buffer.compare(Buffer.from(left, 'utf8'), Buffer.from(right, 'utf8'));
}
