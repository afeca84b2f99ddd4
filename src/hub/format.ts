/** Compact, locale-independent figures for list rows: 1234 → "1.2k", 1200000 → "1.2M". */
export function compactNumber(n: number): string {
  if (!Number.isFinite(n) || n < 0) {
    return '0';
  }
  const units: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (n >= size) {
      const value = n / size;
      const text = value >= 100 ? Math.round(value).toString() : (Math.round(value * 10) / 10).toString();
      return `${text}${suffix}`;
    }
  }
  return Math.round(n).toString();
}

/** Age as the Hub's lists show it: "5m", "3h", "2d", "4mo", "1y". */
export function age(date: Date | undefined, now: Date = new Date()): string | undefined {
  if (!date) {
    return undefined;
  }
  const seconds = Math.max(0, (now.getTime() - date.getTime()) / 1000);
  const steps: [number, string][] = [
    [365 * 86400, 'y'],
    [30 * 86400, 'mo'],
    [86400, 'd'],
    [3600, 'h'],
    [60, 'm'],
  ];
  for (const [size, suffix] of steps) {
    if (seconds >= size) {
      return `${Math.floor(seconds / size)}${suffix}`;
    }
  }
  return 'now';
}

/** Human file size: 440473133 → "440.5 MB". */
export function fileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) {
    return '';
  }
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value >= 100 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}
