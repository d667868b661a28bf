import { expect, test } from './fixtures';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

test('the page loads and works with every non-loopback request blocked, and asks for nothing it lacks', async ({
  page,
  app,
}) => {
  const blocked: string[] = [];
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (LOOPBACK_HOSTS.has(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
  await page.goto(app.url);
  await expect(page.getByRole('status')).toContainText('Bridge: open');
  await page.getByRole('textbox', { name: 'Target' }).fill(`${app.demo.host}:${app.demo.port}`);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Target: connected');
  await page.getByRole('textbox', { name: 'Request' }).click({ force: true });
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('{"method":"ServiceA.Add","params":[{"X":10,"Y":20}]}');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  const response = page.getByRole('region', { name: 'Response' });
  await expect(response.getByText('30', { exact: true })).toBeVisible();
  expect(blocked).toEqual([]);
  expect(failed).toEqual([]);
  expect(consoleErrors).toEqual([]);
  // The browser asks for an icon after the page has loaded (no page event shows it): the page
  // names its own, which the bridge serves, so no /favicon.ico 404 reaches the console.
  const icon = await page.evaluate(() =>
    document.querySelector('link[rel="icon"]')?.getAttribute('href'),
  );
  expect(icon).toBe('/favicon.svg');
  const served = await page.request.get(new URL(icon ?? '', app.origin).href);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toContain('image/svg+xml');
});
