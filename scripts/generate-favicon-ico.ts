/**
 * Writes src/web/assets/favicon.ico from favicon.svg: the SVG drawn at 16, 32 and 48 pixels by
 * Debian's Chromium and packed as PNG images in one ICO file (the format browsers ask for at
 * /favicon.ico). Usage: npx tsx scripts/generate-favicon-ico.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const svgPath = new URL('../src/web/assets/favicon.svg', import.meta.url);
const icoPath = new URL('../src/web/assets/favicon.ico', import.meta.url);
const svg = readFileSync(svgPath, 'utf8');
const sizes = [16, 32, 48];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const images: Buffer[] = [];
for (const size of sizes) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const data = Buffer.from(svg).toString('base64');
  await page.setContent(
    `<html><body style="margin:0"><img src="data:image/svg+xml;base64,${data}" width="${size}" height="${size}"></body></html>`,
  );
  images.push(
    await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }),
  );
  await page.close();
}
await browser.close();

// ICONDIR (6 bytes), one ICONDIRENTRY (16 bytes) per image, then the PNG files themselves.
const header = Buffer.alloc(6 + 16 * images.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = header.length;
images.forEach((png, i) => {
  const entry = 6 + 16 * i;
  const size = sizes[i]!;
  header.writeUInt8(size % 256, entry);
  header.writeUInt8(size % 256, entry + 1);
  header.writeUInt8(0, entry + 2);
  header.writeUInt8(0, entry + 3);
  header.writeUInt16LE(1, entry + 4);
  header.writeUInt16LE(32, entry + 6);
  header.writeUInt32LE(png.length, entry + 8);
  header.writeUInt32LE(offset, entry + 12);
  offset += png.length;
});
writeFileSync(icoPath, Buffer.concat([header, ...images]));
console.log(`favicon.ico écrit (${sizes.join(', ')} px).`);
