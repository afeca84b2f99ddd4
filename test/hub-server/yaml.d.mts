// Types of yaml.mjs for TypeScript tests.

export class YamlError extends Error {}

export function parseFrontMatter(text: string): {
  data: Record<string, unknown> | null;
  body: string;
  hasFrontMatter: boolean;
};

export function parseYaml(source: string): unknown;
