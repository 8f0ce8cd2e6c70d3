// Casts ballots through the voting round's phone page in Debian's Chromium (headless, a
// phone-sized window, JavaScript OFF: the page must work with plain forms), for
// tests/vote_browser.rs. Usage: node vote.mjs JOIN_URL OUT_DIR BALLOTS_JSON
// BALLOTS_JSON: [{"municipality": "...", "values": {"points.privacy": "8", ...},
//                 "choice": "ssc", "change": {"points.control": "2"}}]
// Prints one JSON line per participant: {"receipt": "...text of the receipt..."}.
import { chromium } from 'playwright-core';

const [joinUrl, outDir, ballotsJson] = process.argv.slice(2);
const ballots = JSON.parse(ballotsJson);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const byId = (page, id) => page.locator(`[id="${id}"]`);

async function fill(page, b) {
  await byId(page, `m${b.index}`).check();
  for (const [field, value] of Object.entries(b.values)) {
    const el = byId(page, field);
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
    else await el.fill(value);
  }
  if (b.choice) await byId(page, `o-${b.choice}`).check();
}

async function submit(page) {
  await Promise.all([page.waitForLoadState('load'), page.locator('button[type=submit]').click()]);
  await page.waitForLoadState('load');
}

try {
  for (const [i, b] of ballots.entries()) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 }, javaScriptEnabled: false, locale: 'nl-NL',
    });
    const page = await context.newPage();
    await page.goto(joinUrl);
    if (i === 0) {
      await page.screenshot({ path: `${outDir}/form.png`, fullPage: true });
      // Everything 0 passes the browser's own checks but not the server's: the refusal
      // page, with the problem beside the form.
      await byId(page, `m${b.index}`).check();
      for (const field of Object.keys(b.values)) await byId(page, field).fill('0');
      await submit(page);
      await page.screenshot({ path: `${outDir}/errors.png`, fullPage: true });
      console.log(JSON.stringify({ refused: await page.locator('.errors').innerText() }));
    }
    await fill(page, b);
    await submit(page);
    if (i === 0) await page.screenshot({ path: `${outDir}/receipt.png`, fullPage: true });
    if (b.change) {
      // Change the ballot: back to the form (prefilled with the ballot), one value changed.
      await Promise.all([page.waitForLoadState('load'), page.locator('a.button').first().click()]);
      for (const [field, value] of Object.entries(b.change)) await byId(page, field).fill(value);
      await submit(page);
    }
    if (i === 1) {
      // The same receipt in English.
      await page.locator('a[lang=en]').click();
      await page.waitForLoadState('load');
      await page.screenshot({ path: `${outDir}/receipt-en.png`, fullPage: true });
    }
    console.log(JSON.stringify({ url: page.url(), receipt: await page.locator('main').innerText() }));
    await context.close();
  }
} finally {
  await browser.close();
}
