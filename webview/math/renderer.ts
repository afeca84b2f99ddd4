/** Typesets `tex` into `target` (emptied first); throws when the formula cannot be rendered. */
export type MathRenderer = (tex: string, target: HTMLElement, display: boolean) => void;
