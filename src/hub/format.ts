const COMPACT_UNITS: readonly [number, string][] = [
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Compact, locale-independent figures for list rows: 1234 → "1.2k", 1200000 → "1.2M". */
export function compactNumber(n: number): string {
  if (!Number.isFinite(n) || n < 0) {
    return '0';
  }
  for (const [size, suffix] of COMPACT_UNITS) {
    if (n >= size) {
      const value = n / size;
      const text = value >= 100 ? Math.round(value).toString() : (Math.round(value * 10) / 10).toString();
      return `${text}${suffix}`;
    }
  }
  return Math.round(n).toString();
}

/** Made on first use: the first formatter of a process loads the locale data, which activation must not wait for. */
let grouped: Intl.NumberFormat | undefined;

/**
 * A figure with its digits grouped, the same in every locale: 1234567 → "1,234,567" (what `toLocaleString('en-US')`
 * gives). Whole numbers, what list rows show twice each, are grouped here: a shared formatter takes about 1.4 µs a
 * call, and `toLocaleString` builds a new one each time (about 20 µs). Fractions go to the formatter.
 */
export function groupedNumber(n: number): string {
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) {
    const digits = String(Math.abs(n));
    let head = digits.length % 3 || 3;
    let text = digits.slice(0, head);
    for (; head < digits.length; head += 3) {
      text += `,${digits.slice(head, head + 3)}`;
    }
    return n < 0 ? `-${text}` : text;
  }
  grouped ??= new Intl.NumberFormat('en-US');
  return grouped.format(n);
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

/**
 * Text for a notification. VS Code turns `[label](https://…)`, `[label](command:…)` and `[label](file:…)` in a
 * notification message into a link, and runs a `command:` target when it is clicked; a message that carries text from
 * the Hub or from input is given a space after every `]`, so no part of it can form such a link.
 */
export function notificationText(text: string): string {
  return withoutBidiControls(text).replaceAll('](', '] (');
}

/** Text for a quick pick label or description, where `$(name)` would render as an icon: shown literally instead. */
export function escapeIcons(text: string): string {
  return text.replaceAll('$(', '\\$(');
}

/**
 * Hub text for anything shown as plain text (a label, description, tooltip, hover, diagnostic, quick pick item, status
 * bar entry or notification) without the invisible characters that change the direction of what follows them:
 * bidirectional embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069) and the marks U+200E, U+200F
 * (left-to-right, right-to-left) and U+061C (Arabic letter mark). One of them in a file name or tag would reorder what
 * follows it on the row, so that `report\u202Efdp.exe` reads as `reportexe.pdf` and the row's size or the next tag is
 * reversed too; the marks flip neutral characters such as `/`, `-` and digits. The one helper every such place uses.
 */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * A string of the Hub's shown as text (papers, collections): bidi controls dropped, trimmed, cut after `max` characters
 * with an ellipsis; undefined when it is not a string or nothing is left. `oneLine` folds each run of white space into
 * one space.
 */
export function hubText(value: unknown, max: number, oneLine = false): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const plain = withoutBidiControls(value);
  const clean = (oneLine ? plain.replace(/\s+/g, ' ') : plain).trim();
  return clean ? (clean.length > max ? `${clean.slice(0, max)}…` : clean) : undefined;
}

/** One character class, so the replacement is a single linear pass. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

/** Whether `text` holds any of the characters `withoutBidiControls` removes. */
export function hasBidiControls(text: string): boolean {
  return text.search(BIDI_CONTROLS) >= 0;
}

/** The same characters made visible (`<U+202E>`), where the text must be shown as it is stored (a link's address). */
export function neutraliseBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/**
 * `text` without the `/` characters at its end (and, with `leading`, at its start). A loop: the regular expression
 * `/\/+$/` tries again at every slash of a run that something else follows, which is quadratic in the run's length.
 */
export function withoutTrailingSlashes(text: string, leading = false): string {
  let start = 0;
  let end = text.length;
  while (end > 0 && text[end - 1] === '/') {
    end--;
  }
  while (leading && start < end && text[start] === '/') {
    start++;
  }
  return text.slice(start, end);
}
