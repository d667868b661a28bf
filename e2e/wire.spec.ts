import type { Page } from '@playwright/test';
import { startTcpServer, type TestServer } from '../bridge/testing/tcp-servers';
import { expect, test } from './fixtures';
import { calls, connect, response, typeRequest } from './fixtures/page-actions';

/**
 * The Wire region with real bytes: a call to the demo server shows its
 * request and reply as offset | hex | text; selecting a call marks its bytes
 * and picking bytes selects their call; the direction filter; and, from raw
 * TCP servers on loopback, a reply split over three chunks shown
 * reassembled, two replies in one chunk, and a 1 MiB reply truncated, here
 * and in the Response panel.
 */

const wire = (page: Page) => page.getByRole('region', { name: 'Wire' });
const rows = (page: Page) =>
  wire(page).getByRole('list', { name: 'Wire bytes' }).getByRole('listitem');
const reassembled = (page: Page) => wire(page).getByRole('region', { name: 'Reassembled' });
/** The dump of `text` as the view must show it: 16 bytes a row, hex and '.' for non-printables. */
function dumpOf(text: string, from = 0): Array<{ offset: string; hex: string; text: string }> {
  const bytes = Buffer.from(text, 'utf8');
  const out = [];
  for (let i = 0; i < bytes.length; i += 16) {
    const row = bytes.subarray(i, i + 16);
    out.push({
      offset: (from + i).toString(16).padStart(8, '0'),
      hex: [...row].map((b) => b.toString(16).padStart(2, '0')).join(' '),
      text: [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join(''),
    });
  }
  return out;
}

async function expectDump(page: Page, text: string): Promise<void> {
  for (const row of dumpOf(text)) {
    const line = rows(page).filter({ hasText: row.hex });
    await expect(line.first()).toContainText(row.offset);
    await expect(line.first()).toContainText(row.text);
  }
}

test.describe('the Wire view', () => {
  let target: TestServer | undefined;

  test.beforeEach(async ({ page, app }) => {
    // Tall enough for a whole request in the dump; the 1280×800 layout is checked on its own.
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(app.url);
    // The Wire region shares its place under the Steps view with Sequence, which is shown first.
    await page.getByRole('tab', { name: 'Wire' }).click();
  });

  test.afterEach(async () => {
    await target?.close();
    target = undefined;
  });

  /** Calls Big.Get on a raw TCP server that answers with `result`, and waits for the answer. */
  const callBigGet = async (page: Page, result: string) => {
    const reply = `{"id":0,"result":${result},"error":null}\n`;
    target = await startTcpServer((socket) => socket.once('data', () => socket.write(reply)));
    await connect(page, `127.0.0.1:${target.port}`);
    await typeRequest(page, '{"method":"Big.Get","params":[{}]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page).first()).toContainText('answered', { timeout: 30_000 });
  };

  test('a demo call shows its request and reply bytes; the call and its bytes select each other; the filters', async ({
    page,
    app,
  }) => {
    await connect(page, `${app.demo.host}:${app.demo.port}`);
    await typeRequest(page, '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page).first()).toContainText('answered');

    const request0 = '{"method":"ServiceA.Add","params":[{"X":10,"Y":20}],"id":0}\n';
    const reply0 = '{"id":0,"result":30,"error":null}\n';
    const direction = wire(page).getByRole('combobox', { name: 'Direction' });
    // Each direction on its own, so every row of it is in view.
    await direction.selectOption('Sent');
    await expectDump(page, request0);
    await expect(wire(page)).toContainText('→ sent');
    await expect(wire(page)).toContainText(`${Buffer.byteLength(request0)} B`);
    await expect(wire(page)).not.toContainText('← received');
    await direction.selectOption('Received');
    await expectDump(page, reply0);
    await expect(wire(page)).toContainText(`${Buffer.byteLength(reply0)} B`);
    await expect(wire(page)).not.toContainText('→ sent');
    await direction.selectOption('Both directions');
    await expect(wire(page)).toContainText('→ sent');
    await expect(wire(page)).toContainText('← received');

    // The newest call is selected: its request and reply bytes are marked.
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page).nth(1)).toContainText('answered');
    await direction.selectOption('Received');
    await expect(
      wire(page).getByRole('button', { name: /^Reply, ServiceA\.Add id 1,/, pressed: true }),
    ).not.toHaveCount(0);
    await expect(
      wire(page).getByRole('button', { name: /^Reply, ServiceA\.Add id 0,/, pressed: true }),
    ).toHaveCount(0);

    // Selecting the first call in the list marks its bytes instead, and shows them reassembled.
    await calls(page).first().getByRole('button').first().click();
    await expect(
      wire(page).getByRole('button', { name: /^Reply, ServiceA\.Add id 0,/, pressed: true }),
    ).not.toHaveCount(0);
    await expect(wire(page).getByRole('button', { name: /id 1,/, pressed: true })).toHaveCount(0);
    await expect(reassembled(page)).toContainText(reply0.trim());
    await expect(reassembled(page)).toContainText(request0.trim());

    // Picking the second reply's bytes selects its call.
    await wire(page)
      .getByRole('button', { name: /^Reply, ServiceA\.Add id 1,/ })
      .first()
      .click();
    await expect(calls(page).nth(1)).toHaveAttribute('aria-current', 'true');

    // The call filter keeps only the selected call's chunks.
    await direction.selectOption('Both directions');
    await wire(page).getByRole('checkbox', { name: 'Selected call only' }).check();
    await expect(wire(page).getByRole('button', { name: /id 0,/ })).toHaveCount(0);
    await expect(
      wire(page)
        .getByRole('button', { name: /^Request, ServiceA\.Add id 1,/ })
        .first(),
    ).toBeVisible();

    // The page does not scroll at 1280×800 with the Wire region in it.
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect(wire(page)).toBeVisible();
    const scrolls = await page.evaluate(
      () => document.documentElement.scrollHeight > document.documentElement.clientHeight,
    );
    expect(scrolls).toBe(false);
  });

  test('a reply split over three chunks is shown reassembled with its parts; two replies in one chunk', async ({
    page,
  }) => {
    const reply0 = '{"id":0,"result":3,"error":null}\n';
    const pieces = [reply0.slice(0, 5), reply0.slice(5, 20), reply0.slice(20)];
    const twoInOne = '{"id":1,"result":4,"error":null}\n{"id":2,"result":5,"error":null}\n';
    target = await startTcpServer((socket) => {
      socket.setNoDelay(true);
      let requests = 0;
      socket.on('data', (data: Buffer) => {
        requests += data.toString().split('\n').length - 1;
        if (requests === 1) {
          // Apart in time, so the bridge reads each piece as its own chunk.
          for (const [i, piece] of pieces.entries()) setTimeout(() => socket.write(piece), i * 150);
        }
        if (requests === 3) socket.write(twoInOne);
      });
    });
    await connect(page, `127.0.0.1:${target.port}`);
    await typeRequest(page, '{"method":"ServiceA.Add","params":[{"X":1,"Y":2}]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page).first()).toContainText('answered');

    const message = reassembled(page).getByRole('article', { name: 'Reply, ServiceA.Add id 0' });
    // The framed message is the JSON value; Go's trailing newline is whitespace between values.
    await expect(message).toContainText(`${reply0.trim().length} B in 3 parts`);
    const parts = message.getByRole('listitem');
    await expect(parts).toHaveCount(3);
    await expect(parts.nth(0)).toContainText(`offset 00000000 in it, ${pieces[0]?.length} B`);
    await expect(parts.nth(1)).toContainText(`${pieces[1]?.length} B`);
    await expect(parts.nth(2)).toContainText(`${(pieces[2]?.length ?? 0) - 1} B`);
    await expect(message).toContainText(reply0.trim());
    // Three received chunk headers, each with its size.
    for (const piece of pieces)
      await expect(
        rows(page)
          .filter({ hasText: `← received` })
          .filter({ hasText: `${piece.length} B` })
          .first(),
      ).toBeVisible();

    await page.getByRole('spinbutton', { name: 'Burst size' }).fill('2');
    await page.getByRole('button', { name: 'Send burst' }).click();
    await expect(calls(page).nth(2)).toContainText('answered');
    // One chunk carried both replies: its 66 B header, the boundary inside it, each reply one part of it.
    const second = reply0.length;
    await expect(
      rows(page)
        .filter({ hasText: `${twoInOne.length} B` })
        .first(),
    ).toBeVisible();
    const lastRowOfFirst = rows(page).filter({ hasText: dumpOf(twoInOne, second)[1]?.hex ?? '' });
    await expect(
      lastRowOfFirst.getByRole('button', { name: /^Reply, ServiceA\.Add id 1,/ }),
    ).toHaveCount(1);
    const rowOfSecond = rows(page).filter({ hasText: dumpOf(twoInOne, second)[2]?.hex ?? '' });
    await expect(
      rowOfSecond.getByRole('button', { name: /^Reply, ServiceA\.Add id 2,/ }),
    ).toHaveCount(1);
    await calls(page).nth(1).getByRole('button').first().click();
    const one = reassembled(page).getByRole('article', { name: 'Reply, ServiceA.Add id 1' });
    await expect(one).toContainText('32 B in 1 part');
    const chunkOfBoth = /chunk #(\d+)/.exec(
      (await one.getByRole('listitem').textContent()) ?? '',
    )?.[1];
    await expect(one.getByRole('listitem')).toContainText('at offset 00000000 in it');
    await calls(page).nth(2).getByRole('button').first().click();
    const two = reassembled(page).getByRole('article', { name: 'Reply, ServiceA.Add id 2' });
    await expect(two.getByRole('listitem')).toContainText(
      `chunk #${chunkOfBoth} at offset 00000021 in it, 32 B`,
    );

    // The burst's two requests left in one write: one sent chunk, a boundary inside it, each its call's.
    const request = (id: number) =>
      `{"method":"ServiceA.Add","params":[{"X":1,"Y":2}],"id":${id}}\n`;
    const requestTwo = reassembled(page).getByRole('article', {
      name: 'Request, ServiceA.Add id 2',
    });
    await expect(requestTwo.getByRole('listitem')).toContainText(
      `at offset ${request(1).length.toString(16).padStart(8, '0')} in it, ${request(2).length} B`,
    );
    const chunkOfRequests = /chunk #(\d+)/.exec(
      (await requestTwo.getByRole('listitem').textContent()) ?? '',
    )?.[1];
    await calls(page).nth(1).getByRole('button').first().click();
    const requestOne = reassembled(page).getByRole('article', {
      name: 'Request, ServiceA.Add id 1',
    });
    await expect(requestOne.getByRole('listitem')).toContainText(
      `chunk #${chunkOfRequests} at offset 00000000 in it, ${request(1).length} B`,
    );
    await expect(
      rows(page)
        .filter({ hasText: `${request(1).length + request(2).length} B` })
        .first(),
    ).toBeVisible();
  });

  test('a 1 MiB reply: truncated rows with a notice, more on request, the page stays responsive', async ({
    page,
  }) => {
    const started = Date.now();
    await callBigGet(page, `"${'A'.repeat(1024 * 1024)}"`);
    const message = reassembled(page).getByRole('article', { name: 'Reply, Big.Get id 0' });
    await expect(message).toContainText('1.00 MiB in');
    await expect(message).toContainText('Text cut at 4.0 KiB of 1.00 MiB');
    console.log(`1 MiB reply: connected, sent, answered and shown in ${Date.now() - started} ms`);

    // Each chunk of the reply shows its first 4 KiB; "Show more" on one shows 8× as much of it.
    const noticeRow = rows(page)
      .filter({ hasText: /Showing 4\.0 KiB of / })
      .first();
    // The dump shows the selected call's first bytes (its request): scroll down to a cut chunk,
    // ten rows at a time (the view shows more), and stop once one is in sight.
    const list = wire(page).getByRole('list', { name: 'Wire bytes' });
    let top = 0;
    await expect
      .poll(
        async () => {
          const seen = await noticeRow.count();
          if (seen === 0) {
            top += 180;
            await list.evaluate((el, y) => {
              if (el.parentElement) el.parentElement.scrollTop = y;
            }, top);
          }
          return seen;
        },
        { timeout: 20_000, intervals: [50] },
      )
      .toBeGreaterThan(0);
    const hiddenFrom = /from offset ([0-9a-f]{8})/.exec((await noticeRow.textContent()) ?? '')?.[1];
    expect(hiddenFrom).toBeDefined();
    await noticeRow.getByRole('button', { name: 'Show more' }).click();
    // The first byte that was hidden now has its row.
    await expect(
      rows(page)
        .filter({ hasText: `${hiddenFrom}41 41 41` })
        .first(),
    ).toBeVisible();
    // A frame still comes promptly.
    const frameMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const t0 = performance.now();
          requestAnimationFrame(() => resolve(performance.now() - t0));
        }),
    );
    expect(frameMs).toBeLessThan(500);
  });

  test('a 1 MiB result in the Response panel: the first 64 K characters as received, the rest on request', async ({
    page,
  }) => {
    const text = `"${'A'.repeat(1024 * 1024)}<end>"`;
    await callBigGet(page, text);
    const result = response(page).getByRole('region', { name: 'Result' });
    const total = text.length.toLocaleString('en');
    await expect(result).toContainText(
      `Showing the first 65,536 of ${total} characters, as received.`,
    );
    await expect(result).not.toContainText('<end>');
    await result.getByRole('button', { name: `Show all ${total} characters` }).click();
    await expect(result).toContainText('AAAA<end>"');
    await expect(result).not.toContainText('Showing the first');
  });

  test('bytes being read stay in view while the oldest chunks are dropped past the byte cap', async ({
    page,
  }) => {
    test.slow();
    const big = (id: number, mib: number) =>
      `{"id":${id},"result":"${'A'.repeat(mib * 1024 * 1024)}","error":null}\n`;
    // The first call is answered with 30 MiB; later the server pushes 20 MiB nobody asked for.
    target = await startTcpServer((socket) => socket.once('data', () => socket.write(big(0, 30))));
    await connect(page, `127.0.0.1:${target.port}`);
    await typeRequest(page, '{"method":"Big.Get","params":[{}]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page).first()).toContainText('answered', { timeout: 30_000 });

    // Reading halfway through the reply: a row in view (past the dozen rendered above it), by its
    // stream offset.
    await wire(page)
      .getByRole('list', { name: 'Wire bytes' })
      .evaluate((el) => {
        const box = el.parentElement;
        if (box) box.scrollTop = Math.round(box.scrollHeight / 2);
      });
    const inView = rows(page).nth(16);
    await expect(inView).toBeInViewport();
    const offset = /^[0-9a-f]{8}/.exec(`${await inView.textContent()}`)?.[0];
    expect(offset).toBeDefined();
    const reading = rows(page).filter({ hasText: new RegExp(`^${offset}`) });
    await expect(reading).toBeInViewport();

    // 50 MiB in all is past the 48 MiB kept: the oldest chunks, above the row, are dropped.
    (await target.firstConnection).write(big(999, 20));
    await expect(wire(page).getByRole('note')).toContainText(/older chunks \(.*\) dropped/, {
      timeout: 60_000,
    });
    await expect(reading).toBeInViewport();
  });

  test('a reply past 64 MiB is refused as too large: the call it names fails at once with the cause, the next call is answered', async ({
    page,
  }) => {
    test.slow();
    // The first call is answered with 65 MiB of one string, the second as usual.
    const huge = `{"id":0,"result":"${'A'.repeat(65 * 1024 * 1024)}"}\n`;
    let requests = 0;
    target = await startTcpServer((socket) =>
      socket.on('data', () => {
        requests += 1;
        socket.write(requests === 1 ? huge : '{"id":1,"result":1,"error":null}\n');
      }),
    );
    await connect(page, `127.0.0.1:${target.port}`);
    await typeRequest(page, '{"method":"Big.Get","params":[{}]}');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const cause = `the value at offset 0 is ${huge.length - 1} bytes, over the ${64 * 1024 * 1024}-byte limit for one message (too large); only its first 65536 bytes are kept`;
    await expect(response(page).getByRole('region', { name: 'Failure' })).toContainText(
      `its reply could not be read: ${cause}`,
      { timeout: 60_000 },
    );
    const strays = page.getByRole('region', { name: 'Stray replies' });
    await expect(strays).toContainText(cause);
    await expect(strays).toContainText('Framing error on connection 1');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(calls(page)).toHaveCount(2);
    await expect(calls(page).filter({ hasText: 'answered' })).toHaveCount(1);
    await expect(calls(page).filter({ hasText: 'failed' })).toHaveCount(1);
  });
});
