import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The page's Chinese is written with Chinese punctuation (，：；（）？！), as a
 * Chinese reader expects, even beside English words and values; an ASCII
 * mark touching a Chinese character is a slip. Code and literal syntax stay
 * ASCII: `主机:端口` names the form "host:port" itself.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCES = ['web/src', 'shared'];
const HAN = '\\u4e00-\\u9fff';
const SLIP = new RegExp(`[${HAN}][,:;?!()]|[,:;?!()][${HAN}]`, 'g');
const LITERAL = ['主机:端口'];

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) yield path;
  }
}

describe('Chinese texts', () => {
  it('use Chinese punctuation beside Chinese characters', () => {
    const slips: string[] = [];
    for (const dir of SOURCES) {
      for (const file of sourceFiles(join(ROOT, dir))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            let rest = line;
            for (const literal of LITERAL) rest = rest.replaceAll(literal, '');
            for (const slip of rest.match(SLIP) ?? []) {
              slips.push(`${relative(ROOT, file)}:${i + 1}: ${slip}`);
            }
          });
      }
    }
    expect(slips).toEqual([]);
  });
});
