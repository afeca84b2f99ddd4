// Inference Providers of some synthetic chat models, served as their `inferenceProviderMapping` (`expand`) and by the
// router of router.mjs.

/**
 * One model with a `staging` entry beside live ones, one with an `error` entry beside live ones, one whose only provider
 * is in `error`.
 * @type {Record<string, Record<string, { status: 'live' | 'staging' | 'error', providerId: string, task: string }>>}
 */
export const PROVIDER_MAPPINGS = {
  'kestrel-labs/Kestrel-2-7B-Instruct': {
    together: { status: 'live', providerId: 'kestrel-labs/Kestrel-2-7B-Instruct-Turbo', task: 'conversational' },
    'fireworks-ai': { status: 'live', providerId: 'accounts/fireworks/models/kestrel-2-7b-instruct', task: 'conversational' },
    novita: { status: 'staging', providerId: 'kestrel-labs/kestrel-2-7b-instruct', task: 'conversational' },
  },
  'aurora-ml/Aurora-2-70B-Instruct': {
    sambanova: { status: 'error', providerId: 'Aurora-2-70B-Instruct', task: 'conversational' },
    together: { status: 'live', providerId: 'aurora-ml/Aurora-2-70B-Instruct-Turbo', task: 'conversational' },
    groq: { status: 'live', providerId: 'aurora-2-70b-instruct', task: 'conversational' },
  },
  'northwind-nlp/Northwind-2-14B-Instruct': {
    nebius: { status: 'error', providerId: 'northwind-nlp/Northwind-2-14B-Instruct-fast', task: 'conversational' },
  },
};
