/** The classes given, leaving out the ones switched off: `classNames(styles.row, selected && styles.selected)`. */
export const classNames = (...names: Array<string | false | null | undefined>): string => names.filter(Boolean).join(' ')
