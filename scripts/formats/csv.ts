/** RFC 4180 CSV: a header row from `columns`, one row per record; bigints as decimal strings. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const cell = (value: unknown): string => {
    if (value === undefined || value === null) return "";
    const text =
      typeof value === "string"
        ? value
        : typeof value === "bigint" || typeof value === "number" || typeof value === "boolean"
          ? value.toString()
          : JSON.stringify(value, jsonReplacer);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c])).join(","));
  return lines.join("\n") + "\n";
}

/** JSON.stringify replacer that writes bigints as decimal strings (JSON has no 256-bit integers). */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
