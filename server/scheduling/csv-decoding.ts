import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1250' | 'iso-8859-2' | 'windows-1252';

/** The single-byte encodings Excel and older systems save CSV in, in the order a tie is settled. */
const SINGLE_BYTE: TextEncodingName[] = ['windows-1250', 'iso-8859-2', 'windows-1252'];

/** Letters that names in Polish and in the Western European languages commonly have. */
const COMMON_LETTERS = new Set([...'ąćęłńóśźżĄĆĘŁŃÓŚŹŻéèêëàâäáçñüöôûùúíîïßåøæœÉÈÊÀÂÄÇÑÜÖÔÛÍÎÅØÆ']);

/**
 * How plausible a decoding is, judged by its non-ASCII characters only (ASCII reads the
 * same in all candidates): a letter common in Polish or Western names scores 2, another
 * letter (what one encoding makes of another's: č for è, ď for ï) 1; a C1 control
 * character (what 8859-2 makes of bytes 0x80–0x9F) costs 10, and a symbol inside a word
 * (what 1252 makes of Polish letters: "Za¿ó³æ") costs 3.
 */
function plausibility(text: string): number {
  let score = 0;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c.charCodeAt(0) < 0x80) continue;
    if (/[\u0080-\u009f\ufffd]/.test(c)) score -= 10;
    else if (COMMON_LETTERS.has(c)) score += 2;
    else if (/\p{L}/u.test(c)) score += 1;
    else if (/\p{L}/u.test(chars[i - 1] ?? '') || /\p{L}/u.test(chars[i + 1] ?? '')) score -= 3;
  }
  return score;
}

/**
 * Decodes an uploaded CSV whatever it was saved in (EV-11: the help centre's top import
 * problem is Excel's Windows encodings). In order:
 *  1. a byte-order mark decides (UTF-8, UTF-16 LE/BE: Excel's "Unicode text");
 *  2. bytes that are valid UTF-8 are UTF-8 (a Windows-encoded Polish file practically
 *     never is: its letters are lone high bytes, which UTF-8 forbids);
 *  3. otherwise each single-byte candidate decodes it and the most plausible wins.
 *     Windows-1250 and ISO-8859-2 differ exactly on Polish letters (ą ś ź Ą Ś Ź: 0xB9
 *     0x9C 0x9F 0xA5 0x8C 0x8F in 1250, where 8859-2 has controls or other letters) and
 *     Windows-1252 turns ł ż ą into symbols, while 1250 turns è ï into the rarer č ď,
 *     so `plausibility` tells them apart. A file whose high bytes read as common letters
 *     in all three (é, ó, ü) decodes the same either way; a real tie (ñ in 1252 is ń in
 *     1250) goes to Windows-1250, the Polish default.
 */
export function decodeCsvBytes(bytes: Buffer): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: one of the single-byte encodings.
  }
  let best: { text: string; encoding: TextEncodingName; score: number } | undefined;
  for (const encoding of SINGLE_BYTE) {
    const text = iconv.decode(bytes, encoding);
    const score = plausibility(text);
    if (!best || score > best.score) best = { text, encoding, score };
  }
  return { text: best!.text, encoding: best!.encoding };
}
