// Time to first render of the web console: navigation start until the page marks itself rendered (its API calls answered
// and drawn), in headless Debian chromium through the playwright-core that Microsoft.Playwright ships. Prints medians.
// Usage: node first-render.js URL KEY HASH [HASH...]   (run by measure.sh)
'use strict';
const path = require('path');
const { chromium } = require(path.resolve(__dirname, '../../tests/ModelOps.Host.Tests/bin/Release/net10.0/.playwright/package'));

(async () => {
  const [url, key, ...hashes] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: process.env.MODELOPS_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const context = await browser.newContext();
  await context.addInitScript(k => sessionStorage.setItem('modelops-key', k), key);
  for (const hash of hashes) {
    const times = [];
    for (let i = 0; i < 7; i++) {
      const page = await context.newPage();
      const start = Date.now();
      await page.goto(`${url}/console/${hash}`);
      await page.waitForFunction(h => document.body.dataset.rendered === h, hash);
      times.push(Date.now() - start);
      await page.close();
    }
    times.sort((a, b) => a - b);
    console.log(`${hash}: median ${times[3]} ms (min ${times[0]}, max ${times[6]}) over 7 loads`);
  }
  await browser.close();
})().catch(error => { console.error(error); process.exit(1); });
