/**
 * Where each row of the virtualized log starts, without a pass over all rows.
 *
 * Almost every row is one line of monospace text, exactly `rowHeight` px tall. The few
 * that are not (the TLS boundary, an expanded long line, a line that wraps in a narrow
 * pane) are kept in a sorted list with the running sum of their extra height, so
 *
 *   offset(p) = p * rowHeight + (extra height of the variable rows before p)
 *
 * costs one binary search over those k rows, and appending rows costs nothing at all.
 * Positions are list positions (after filtering), 0 at the top.
 */
export class RowOffsets {
  /** Positions of the rows whose height is not rowHeight, ascending. */
  private positions: number[] = []
  /** Their heights, px. */
  private heights: number[] = []
  /** extraBefore[j]: sum of (height - rowHeight) over entries 0..j-1; one longer than positions. */
  private extraBefore: number[] = [0]

  constructor(readonly rowHeight: number) {
    if (!(rowHeight > 0)) throw new RangeError('rowHeight must be positive')
  }

  /** How many rows have a height of their own. */
  get variableRows(): number {
    return this.positions.length
  }

  /** Top of the row at `position`, px from the top of the list. */
  offsetOf(position: number): number {
    return position * this.rowHeight + this.extraBefore[this.entryAtOrAfter(position)]!
  }

  heightOf(position: number): number {
    const entry = this.entryAtOrAfter(position)
    return this.positions[entry] === position ? this.heights[entry]! : this.rowHeight
  }

  /** Height of a list of `count` rows. */
  totalHeight(count: number): number {
    return this.offsetOf(count)
  }

  /** The row that covers `y` (px from the top), clamped to 0 .. count - 1; -1 when empty. */
  positionAt(y: number, count: number): number {
    if (count <= 0) return -1
    if (y <= 0) return 0
    // The last variable row starting at or above y: rows after it, up to the next
    // variable row (which starts below y), are all rowHeight tall.
    let low = 0
    let high = this.positions.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.positions[mid]! * this.rowHeight + this.extraBefore[mid]! <= y) low = mid + 1
      else high = mid
    }
    const last = low - 1
    let position: number
    if (last >= 0 && y < this.positions[last]! * this.rowHeight + this.extraBefore[last]! + this.heights[last]!) {
      position = this.positions[last]!
    } else {
      const base = last >= 0 ? this.positions[last]! + 1 : 0
      const baseOffset = base * this.rowHeight + this.extraBefore[last + 1]!
      position = base + Math.floor((y - baseOffset) / this.rowHeight)
    }
    return Math.min(position, count - 1)
  }

  /** Records the height of the row at `position`; returns how many px the rows after it moved. */
  setHeight(position: number, height: number): number {
    if (!(height > 0)) throw new RangeError('a row height must be positive')
    const entry = this.entryAtOrAfter(position)
    const known = this.positions[entry] === position
    const before = known ? this.heights[entry]! : this.rowHeight
    if (before === height) return 0
    if (height === this.rowHeight) {
      this.positions.splice(entry, 1)
      this.heights.splice(entry, 1)
    } else if (known) {
      this.heights[entry] = height
    } else {
      this.positions.splice(entry, 0, position)
      this.heights.splice(entry, 0, height)
    }
    this.sumFrom(entry)
    return height - before
  }

  /** Replaces every entry: `[position, height]` pairs, in any order. */
  reset(entries: Iterable<readonly [number, number]>): void {
    const sorted = [...entries].filter(([, height]) => height !== this.rowHeight).sort((a, b) => a[0] - b[0])
    this.positions = sorted.map(([position]) => position)
    this.heights = sorted.map(([, height]) => height)
    this.extraBefore = [0]
    this.sumFrom(0)
  }

  /** Index of the first entry whose position is >= `position`. */
  private entryAtOrAfter(position: number): number {
    let low = 0
    let high = this.positions.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (this.positions[mid]! < position) low = mid + 1
      else high = mid
    }
    return low
  }

  /** Recomputes the running sums from entry `from` on (appending at the end costs O(1)). */
  private sumFrom(from: number): void {
    this.extraBefore.length = this.positions.length + 1
    for (let entry = from; entry < this.positions.length; entry++) {
      this.extraBefore[entry + 1] = this.extraBefore[entry]! + this.heights[entry]! - this.rowHeight
    }
  }
}
