import { chromium } from 'playwright';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const p = await b.newPage();
await p.setContent('<div id=x>hi</div>');
const r = await p.evaluate(() => new Promise((res) => {
  const out = []; let last = 0; let n = 0;
  const loop = (ts) => { const now = performance.now(); const d = ts - last; const mc = new MessageChannel(); mc.port1.onmessage = () => out.push([d, now - ts, performance.now() - ts]); mc.port2.postMessage(0); last = ts; if (++n < 120) requestAnimationFrame(loop); else setTimeout(() => res(out), 50); };
  requestAnimationFrame(loop);
}));
console.log(JSON.stringify(r.slice(5, 30).map(x => x.map(v => +v.toFixed(2)))));
await b.close();
