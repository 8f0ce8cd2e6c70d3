// Casts ballots through the voting round's phone pages in Debian's Chromium (headless, a
// phone-sized window, JavaScript OFF: the pages must work with plain forms), one screen per
// question, for tests/vote_browser.rs. Usage: node vote.mjs JOIN_URL OUT_DIR BALLOTS_JSON
// BALLOTS_JSON: [{"index": 0, "values": {"points.privacy": "8", ...}, "choice": "ssc",
//                 "change": {"points.control": "2"}}]
// Prints one JSON line per participant: {"receipt": "...text of the receipt...", "file": path}
// and, for the first, {"refused": "...the problems the review listed..."}.
import { chromium } from 'playwright-core';

const [joinUrl, outDir, ballotsJson] = process.argv.slice(2);
const ballots = JSON.parse(ballotsJson);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-quic'],
});
const byId = (page, id) => page.locator(`[id="${id}"]`);

async function click(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}
const next = (page) => click(page, page.locator('button[value=next]'));
const shot = (page, name) => page.screenshot({ path: `${outDir}/${name}.png`, fullPage: true });

// Answers the screen on show from `values` (its one input), or the municipality or the choice.
async function answer(page, b, values) {
  if (await page.locator('input[type=radio][name=municipality]').count()) {
    await byId(page, `m${b.index}`).check();
  } else if (await page.locator('input[type=radio][name=choice]').count()) {
    await byId(page, `o-${b.choice || 'none'}`).check();
  } else {
    const el = page.locator('input[type=number], select').first();
    const name = await el.getAttribute('name');
    if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(values[name]);
    else await el.fill(values[name]);
  }
}

// Walks the screens from the first to the review.
async function walk(page, b, values, shots) {
  let n = 0;
  while (await page.locator('button[value=next]').count()) {
    await answer(page, b, values);
    if (shots && n < 2) await shot(page, `step-${n}`);
    await next(page);
    n += 1;
  }
  return n;
}

// Clicks the receipt's ballot-file link once the receipt has loaded. A receipt without the
// link (a refusal page, e.g. the rate limiter's 429) fails with what the page says.
async function saveBallot(page) {
  await page.waitForURL(/\/ok(\?|$)/);
  await page.waitForLoadState('load');
  if (!(await page.locator('#ballot-file').count())) {
    throw new Error(`no ballot-file link on ${page.url()}: ${await page.locator('main').innerText()}`);
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'), page.locator('#ballot-file').click(),
  ]);
  return download;
}

try {
  for (const [i, b] of ballots.entries()) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 }, javaScriptEnabled: false, locale: 'nl-NL',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(joinUrl);
    if (i === 0) {
      // "Next" without an answer, as a browser that skips `required` would send it: the
      // server keeps the participant on the screen and says what to fill in.
      const first = new URL(page.url());
      first.searchParams.set('step', '0');
      first.searchParams.set('go', 'next');
      await page.goto(first.toString());
      await shot(page, 'step-error');
      console.log(JSON.stringify({ step_refused: await page.locator('.errors').innerText() }));
      // Everything 0 passes every screen but not the review: the problem is listed there
      // and the send button is disabled.
      const zeros = Object.fromEntries(Object.keys(b.values).map((k) => [k, '0']));
      await walk(page, b, zeros, true);
      await shot(page, 'review-errors');
      console.log(JSON.stringify({ refused: await page.locator('.errors').innerText() }));
      // Correct every criterion from the review: each "change" opens its screen, and its
      // "next" returns to the review.
      for (const field of Object.keys(b.values)) {
        await click(page, byId(page, `edit-${field}`));
        await answer(page, b, b.values);
        await next(page);
        if (!(await page.locator('form[method=post]').count())) {
          throw new Error(`after changing ${field} the review should be back: ${page.url()}`);
        }
      }
    } else {
      await walk(page, b, b.values, false);
    }
    if (i === 0) await shot(page, 'review');
    await click(page, page.locator('form[method=post] button[type=submit]'));
    if (i === 0) await shot(page, 'receipt');
    if (b.change) {
      // Change the ballot: "change" opens the review of the cast ballot, each answer links
      // to its screen.
      await click(page, page.locator('a.button').first());
      for (const [field, value] of Object.entries(b.change)) {
        await click(page, byId(page, `edit-${field}`));
        await answer(page, b, { [field]: value });
        await next(page);
      }
      await click(page, page.locator('form[method=post] button[type=submit]'));
    }
    // The ballot file from the receipt: a data: link, no request to the server.
    const download = await saveBallot(page);
    const file = `${outDir}/ballot-${i}.toml`;
    await download.saveAs(file);
    if (i === 1) {
      // The same receipt in English.
      await click(page, page.locator('a[lang=en]'));
      await shot(page, 'receipt-en');
    }
    console.log(JSON.stringify({
      url: page.url(), receipt: await page.locator('main').innerText(), file,
      suggested: download.suggestedFilename(),
    }));
    await context.close();
  }
} finally {
  await browser.close();
}
