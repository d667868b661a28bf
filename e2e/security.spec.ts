import { createServer, type Server } from 'node:http';
import { expect, test } from './fixtures';

/** The bridge's access token and origin checks, as a browser meets them. */

test('the token leaves the address bar, survives a reload, and is what lets the page in', async ({
  page,
  app,
}) => {
  await page.goto(app.url);
  await expect(page.getByRole('status')).toContainText('Bridge: open');
  expect(page.url()).not.toContain('token');
  expect(page.url()).toBe(`${app.origin}/`);
  await page.reload();
  await expect(page.getByRole('status')).toContainText('Bridge: open');
});

test('a page without the token is told to open the printed URL', async ({ page, app }) => {
  await page.goto(`${app.origin}/`);
  await expect(page.getByRole('status')).toContainText(
    'Bridge: offline — this page presented no access token; open the URL the bridge printed',
  );
  await expect(page.getByRole('button', { name: 'Connect', exact: true })).toBeDisabled();
  // Told in the page's language: the step to take is what matters most to whoever reads it.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
  await expect(page.getByRole('status')).toContainText(
    '网桥：离线 — 这个页面没有出示访问令牌；请打开网桥打印的网址（以 #token=… 结尾）',
  );
});

test('a page with a stale token is told its token was refused', async ({ page, app }) => {
  await page.goto(`${app.origin}/#token=stale-token-from-an-earlier-launch`);
  await expect(page.getByRole('status')).toContainText(
    "Bridge: offline — this page's access token was refused; open the URL the bridge printed",
  );
});

test('another origin cannot open the bridge, even holding the right token', async ({
  page,
  app,
}) => {
  // A second loopback site: a different origin, as a malicious page would be.
  const other: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<title>other site</title>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const address = other.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    const wsUrl = `${app.origin.replace('http:', 'ws:')}/bridge`;
    const outcome = await page.evaluate(
      ([url, token]) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url, ['rpc-playground.v5', `rpc-playground.token.${token}`]);
          ws.onopen = () => resolve('open');
          ws.onclose = (event) => resolve(`closed ${event.code}`);
        }),
      [wsUrl, app.token] as const,
    );
    expect(outcome).toBe('closed 1006');
    const check = await page.evaluate(async (url) => {
      try {
        const answer = await fetch(url, { headers: { 'x-rpc-playground-token': 'x' } });
        return `status ${answer.status}`;
      } catch {
        return 'blocked';
      }
    }, `${app.origin}/bridge/access`);
    expect(check).toBe('blocked');
  } finally {
    await new Promise((resolve) => other.close(resolve));
  }
});

test('markup a server sends back is shown as text, never rendered', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('status')).toContainText('Bridge: open');
  await page.getByRole('textbox', { name: 'Target' }).fill(`${app.demo.host}:${app.demo.port}`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Target: connected');
  // Go echoes an unknown service name in its error: the server controls text the page shows.
  const markup = '<img src=x onerror=window.__pwned=1>';
  await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(JSON.stringify({ method: `${markup}.Add`, params: [{}] }));
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const error = page
    .getByRole('region', { name: 'Response' })
    .getByRole('region', { name: 'Error' });
  await expect(error).toContainText(`rpc: can't find service ${markup}.Add`);
  // The text is on screen in every view; no element was made from it and its handler never ran.
  const injected = await page.evaluate(() =>
    Array.from(document.images).some((image) => image.getAttribute('src') === 'x'),
  );
  expect(injected).toBe(false);
  expect(await page.evaluate(() => '__pwned' in window)).toBe(false);
});
