// Types of front-matter.mjs for TypeScript tests.

export function splitFrontMatter(text: string): { yaml?: string; body: string };
