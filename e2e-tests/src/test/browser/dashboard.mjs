// The dashboard in a real browser (Debian's Chromium, headless), as a person would use it. DashboardIT starts the
// stack and runs this with VF_BASE_URL (api-service), VF_USER, VF_FOLDER, VF_HOSTILE (a file name that is markup)
// and VF_SCREENSHOTS (where each screen is saved). Exit code 0 = every step passed; each step is logged.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const base = required('VF_BASE_URL');
const user = required('VF_USER');
const folderName = required('VF_FOLDER');
const hostile = required('VF_HOSTILE');
const shots = required('VF_SCREENSHOTS');
const stepTimeout = Number(process.env.VF_STEP_TIMEOUT_MS || 60000);

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

function log(step, detail = '') {
  console.log(`[dashboard] ${new Date().toISOString()} ${step}${detail ? ': ' + detail : ''}`);
}

function fail(message) {
  throw new Error(message);
}

const problems = [];
const userDataDir = mkdtempSync(join(tmpdir(), 'vidferry-chromium-'));
mkdirSync(shots, { recursive: true });
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.VF_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
context.setDefaultTimeout(stepTimeout);
const page = context.pages()[0] || await context.newPage();
page.on('dialog', async (dialog) => {
  if (dialog.type() === 'confirm') {
    log('confirm', dialog.message());
    await dialog.accept();
  } else {
    problems.push(`a ${dialog.type()} dialog opened: ${dialog.message()}`);
    await dialog.dismiss();
  }
});
page.on('console', (message) => {
  if (message.type() === 'error') {
    const text = message.text();
    // a refused request is reported as an error line too; the CSP and script errors are what count here
    if (/Content Security Policy|Refused to|Uncaught/i.test(text)) {
      problems.push(`console: ${text}`);
    }
  }
});
page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));

async function shot(name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  log('screenshot', `${name}.png`);
}

async function chooseAccount() {
  await page.waitForSelector(`button[name="login_hint"][value="${user}"]`);
  log('account chooser', page.url().split('?')[0]);
  return page.locator(`button[name="login_hint"][value="${user}"]`);
}

async function liveRows() {
  return page.$$eval('#jobs .job', (rows) => rows.map((row) => {
    const live = row.querySelector('.live');
    return {
      id: row.id, file: row.querySelector('.file')?.textContent,
      status: live?.getAttribute('data-status'), progress: Number(live?.getAttribute('data-progress')),
    };
  }));
}

async function waitForRows(predicate, what, timeout = stepTimeout) {
  const deadline = Date.now() + timeout;
  let rows = [];
  while (Date.now() < deadline) {
    rows = await liveRows();
    if (predicate(rows)) {
      return rows;
    }
    await page.waitForTimeout(200);
  }
  fail(`${what} within ${timeout} ms; rows: ${JSON.stringify(rows)}`);
}

try {
  // --- sign in (OIDC authorization code flow through the provider's account chooser) ---
  await page.goto(`${base}/ui`);
  const signIn = await chooseAccount();
  await shot('01-sign-in');
  await signIn.click();
  await page.waitForURL(/\/ui\/accounts/);
  log('signed in', page.url());
  const focusFirst = await page.evaluate(() => {
    document.activeElement?.blur();
    return true;
  });
  await page.keyboard.press('Tab');
  const firstFocus = await page.evaluate(() => document.activeElement?.className);
  if (!focusFirst || firstFocus !== 'skip') {
    fail(`the first Tab should reach the skip link, got ${firstFocus}`);
  }

  // --- connect Google (the API's consent flow, in the browser) ---
  await page.click('#connect');
  const consent = await chooseAccount();
  await consent.click();
  await page.waitForURL(/\/ui\/accounts\?connected=/);
  await page.waitForSelector('#accounts .account');
  const channel = await page.textContent('#accounts .account h2');
  log('Google connected', channel);
  await shot('02-accounts');

  // --- the Drive: My Drive, then the folder ---
  await page.click('a[href="/ui/drive"]');
  await page.waitForSelector('#drive-items');
  await page.locator('#drive-items a', { hasText: folderName }).first().click();
  await page.waitForSelector(`h1:text-is("${folderName}")`);
  const names = await page.$$eval('#drive-items .name', (els) => els.map((e) => e.textContent));
  log('folder listing', names.join(', '));
  if (!names.includes(hostile)) {
    fail(`the file ${hostile} is not listed as text: ${names}`);
  }
  if (await page.locator('img[src="x"]').count() > 0) {
    fail('a file name became an <img> element');
  }
  await shot('03-drive');

  // --- folder settings, Preview ---
  await page.click('#choose-folder');
  await page.waitForSelector('#folder-form');
  await page.uncheck('input[name="recursive"]');
  await page.fill('input[name="titleTemplate"]', '{folder} - {filename}');
  await page.fill('input[name="tags"]', 'demo, dashboard');
  await page.click('#preview-button');
  await page.waitForSelector('#preview:not([hidden])');
  const preview = await page.$$eval('#preview-videos tbody tr td:first-child', (tds) => tds.map((t) => t.textContent));
  log('preview', preview.join(', '));
  if (preview.length === 0 || !preview.includes(hostile)) {
    fail(`the preview should list the folder's videos, ${hostile} among them: ${preview}`);
  }
  if (await page.locator('img[src="x"]').count() > 0) {
    fail('a file name became an <img> element in the preview');
  }
  await shot('04-folder-preview');

  // --- Add to queue, then the queue follows the jobs live ---
  await page.click('#enqueue-button');
  await page.waitForURL(/\/ui\/queue\?batchId=/);
  let rows = await waitForRows((r) => r.length === preview.length, `${preview.length} queued jobs`);
  log('queued', rows.map((r) => `${r.file}=${r.status}`).join(', '));
  await page.waitForSelector('#live-feed');

  // cancel one that has not finished (the last queued waits longest), then retry it
  const victim = rows.filter((r) => r.status !== 'completed').pop() || fail('every job finished before one could be cancelled');
  const victimLive = `#${victim.id} .live`;
  await page.click(`${victimLive} button.cancel`);
  await waitForRows((r) => r.find((x) => x.id === victim.id)?.status === 'cancelled', `${victim.file} cancelled`);
  log('cancelled', victim.file);
  await shot('05-queue-live');
  await page.click(`${victimLive} button.retry`);
  await waitForRows((r) => r.find((x) => x.id === victim.id)?.status !== 'cancelled', `${victim.file} queued again`);
  log('retried', victim.file);

  rows = await waitForRows((r) => r.length > 0 && r.every((x) => x.status === 'completed' && x.progress === 100),
    'every bar at 100 %', Number(process.env.VF_UPLOAD_TIMEOUT_MS || 180000));
  log('all completed', rows.map((r) => `${r.file}=${r.progress}%`).join(', '));
  const pcts = await page.$$eval('#jobs .pct', (els) => els.map((e) => e.textContent.trim()));
  if (!pcts.every((p) => p === '100 %')) {
    fail(`every bar should read 100 %: ${pcts}`);
  }
  const links = await page.$$eval('#jobs a.open', (as) => as.map((a) => a.getAttribute('href')));
  if (links.length !== rows.length || !links.every((l) => l.startsWith('https://www.youtube.com/watch?v='))) {
    fail(`each completed job links to its video: ${links}`);
  }
  const files = await page.$$eval('#jobs .file', (els) => els.map((e) => e.textContent));
  if (!files.includes(hostile) || await page.locator('img[src="x"]').count() > 0) {
    fail(`the queue shows ${hostile} as text: ${files}`);
  }
  await shot('06-queue-done');

  // --- quota and saved syncs ---
  await page.click('a[href="/ui/quota"]');
  await page.waitForSelector('#quota');
  await shot('07-quota');
  await page.click('a[href="/ui/syncs"]');
  await page.waitForFunction(() => document.getElementById('syncs-status')?.textContent !== 'Loading…');
  log('syncs', await page.textContent('#syncs-status'));
  await shot('08-syncs');

  // --- a phone-sized screen ---
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/ui/queue`);
  await page.waitForSelector('#jobs .job');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 1) {
    fail(`the queue is ${overflow}px wider than a 390px screen`);
  }
  await shot('09-queue-narrow');

  if (problems.length) {
    fail(problems.join('\n'));
  }
  log('PASSED');
} catch (error) {
  log('FAILED', error.stack || String(error));
  try {
    await page.screenshot({ path: join(userDataDir, '..', 'vidferry-dashboard-failure.png'), fullPage: true });
    log('failure screenshot', join(userDataDir, '..', 'vidferry-dashboard-failure.png'));
  } catch (ignored) {
    // the browser is gone
  }
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(userDataDir, { recursive: true, force: true });
}
