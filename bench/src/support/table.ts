// Tables printed to the terminal and written as Markdown to bench/results/latest.md.

export interface Table {
  title: string
  columns: string[]
  rows: string[][]
  /** Lines under the table: targets, verdicts, how it was measured. */
  notes: string[]
}

export function renderText(table: Table): string {
  const widths = table.columns.map((column, index) =>
    Math.max(column.length, ...table.rows.map((row) => (row[index] ?? '').length)),
  )
  const line = (cells: string[]) => cells.map((cell, index) => cell.padEnd(widths[index]!)).join('  ').trimEnd()
  return [
    table.title,
    line(table.columns),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...table.rows.map(line),
    ...table.notes.map((note) => `  ${note}`),
  ].join('\n')
}

export function renderMarkdown(table: Table): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|')
  return [
    `### ${table.title}`,
    '',
    `| ${table.columns.map(escape).join(' | ')} |`,
    `| ${table.columns.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
    '',
    ...table.notes.map((note) => `- ${note}`),
  ].join('\n')
}
