#!/usr/bin/env node
// Renders build/icon.svg with Debian's Chromium (playwright-core) into every icon file the
// window and electron-builder use, and writes the ICO and ICNS containers by hand (both
// hold PNG images as they are: ICO since Windows Vista, ICNS since macOS 10.7):
//   build/icon.png (1024), build/icons/<N>x<N>.png (Linux), build/icon.ico, build/icon.icns
// Run after changing the SVG: `npm run icons`. The outputs are committed, so packaging
// needs no browser.
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const BUILD = join(dirname(fileURLToPath(import.meta.url)), '..', 'build')
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024]
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]
// ICNS types that hold PNG data, by pixel size.
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
]

async function render(svg, sizes) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const page = await browser.newPage()
    const pngs = new Map()
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size })
      const url = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
      await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${url}" width="${size}" height="${size}">`)
      await page.locator('img').evaluate((img) => img.decode())
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }))
    }
    return pngs
  } finally {
    await browser.close()
  }
}

/** ICONDIR, one ICONDIRENTRY per image (0 means 256), then the PNGs. */
export function icoContainer(images) {
  const header = Buffer.alloc(6)
  header.writeUInt16LE(0, 0)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = 6 + 16 * images.length
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16)
    entry.writeUInt8(size >= 256 ? 0 : size, 0)
    entry.writeUInt8(size >= 256 ? 0 : size, 1)
    entry.writeUInt16LE(1, 4) // colour planes
    entry.writeUInt16LE(32, 6) // bits per pixel
    entry.writeUInt32LE(png.length, 8)
    entry.writeUInt32LE(offset, 12)
    offset += png.length
    return entry
  })
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)])
}

/** 'icns', total length, then (type, length including its 8-byte header, data) blocks. */
export function icnsContainer(images) {
  const blocks = images.map(({ type, png }) => {
    const head = Buffer.alloc(8)
    head.write(type, 0, 'latin1')
    head.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([head, png])
  })
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'latin1')
  head.writeUInt32BE(8 + blocks.reduce((sum, block) => sum + block.length, 0), 4)
  return Buffer.concat([head, ...blocks])
}

async function main() {
  const svg = await readFile(join(BUILD, 'icon.svg'), 'utf8')
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(([, size]) => size)])].sort((a, b) => a - b)
  const pngs = await render(svg, sizes)
  await mkdir(join(BUILD, 'icons'), { recursive: true })
  for (const size of LINUX_SIZES) await writeFile(join(BUILD, 'icons', `${size}x${size}.png`), pngs.get(size))
  await writeFile(join(BUILD, 'icon.png'), pngs.get(1024))
  await writeFile(join(BUILD, 'icon.ico'), icoContainer(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))))
  await writeFile(join(BUILD, 'icon.icns'), icnsContainer(ICNS_TYPES.map(([type, size]) => ({ type, png: pngs.get(size) }))))
  console.log(`icons written to ${BUILD}`)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()
