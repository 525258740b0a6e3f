// Preloaded with `node --require` by build-output.test.ts: on exit, writes to stderr every
// module file the process loaded (the keys of require.cache), so a test can see which
// parts of the bundle and which libraries a command needed.
process.on('exit', () => process.stderr.write(`LOADED ${JSON.stringify(Object.keys(require.cache))}\n`))
