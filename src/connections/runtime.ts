/**
 * A Space's runtime as the card shows it: the stage, the hardware it runs on (and what was asked for), how long it may
 * idle before it sleeps, the error it stopped with, and the address of its app. Pure: the host parses the Hub's
 * `runtime` object (from `expand[]=runtime` or `GET /api/spaces/{id}/runtime`), the page shows it as text.
 */
import { withoutBidiControls } from '../hub/format';

export interface SpaceRuntimeInfo {
  /** `RUNNING`, `BUILDING`, `SLEEPING`, … as the Hub says it (an unknown stage is kept and shown as it is). */
  stage: string;
  /** Hardware flavour in use (`cpu-basic`, `t4-small`, …); absent when nothing runs. */
  hardware?: string;
  /** Hardware asked for, when it differs from what runs (an upgrade still starting). */
  requestedHardware?: string;
  /** Idle seconds before the Space goes to sleep; absent for Spaces that never sleep. */
  sleepSeconds?: number;
  /** The error a failed build or run stopped with (at most MAX_ERROR characters). */
  error?: string;
  /** `https://{subdomain}.hf.space` when the Hub names a ready domain of that form. */
  appUrl?: string;
}

/** What the card page shows of a runtime: text made here, so the page needs none of this module. */
export interface RuntimeView {
  /** The Hub's stage identifier (checked), for styling. */
  stage: string;
  facts: { label: string; value: string }[];
  error?: string;
  /** The app's address, only while the app answers. */
  appUrl?: string;
}

export const MAX_ERROR = 2000;

/** Stages a Space leaves on its own: the card asks again until it settles. */
export const TRANSIENT_STAGES: ReadonlySet<string> = new Set(['BUILDING', 'APP_STARTING', 'RUNNING_BUILDING', 'RUNNING_APP_STARTING', 'DELETING']);

const STAGE_TEXT: Record<string, string> = {
  RUNNING: 'Running',
  RUNNING_BUILDING: 'Running (rebuilding)',
  RUNNING_APP_STARTING: 'Running (restarting)',
  BUILDING: 'Building',
  APP_STARTING: 'Starting',
  SLEEPING: 'Sleeping',
  PAUSED: 'Paused',
  STOPPED: 'Stopped',
  BUILD_ERROR: 'Build error',
  RUNTIME_ERROR: 'Runtime error',
  CONFIG_ERROR: 'Configuration error',
  NO_APP_FILE: 'No app file',
  DELETING: 'Being deleted',
};

/** Hardware flavours and stage names are short identifiers; anything else from the Hub is not shown as one. */
const FLAVOUR = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** A Space app's host: one DNS label (letters, digits, hyphens) under hf.space. */
const APP_HOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.hf\.space$/;

export function stageText(stage: string): string {
  return STAGE_TEXT[stage] ?? stage;
}

export function isTransient(stage: string | undefined): boolean {
  return stage !== undefined && TRANSIENT_STAGES.has(stage);
}

/** Whether the stage is one whose app answers (its "Open app" is offered). */
export function isRunning(stage: string): boolean {
  return stage === 'RUNNING' || stage === 'RUNNING_BUILDING' || stage === 'RUNNING_APP_STARTING';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function flavour(value: unknown): string | undefined {
  return typeof value === 'string' && FLAVOUR.test(value) ? value : undefined;
}

/** `https://x.hf.space` for a ready domain (or the Space's subdomain), checked to be one label under hf.space. */
export function appUrlOf(domains: unknown, subdomain?: unknown): string | undefined {
  const hosts: string[] = [];
  if (Array.isArray(domains)) {
    for (const d of domains.slice(0, 20)) {
      if (isRecord(d) && typeof d.domain === 'string' && (d.stage === undefined || d.stage === 'READY')) {
        hosts.push(d.domain.toLowerCase());
      }
    }
  }
  if (typeof subdomain === 'string') {
    hosts.push(`${subdomain.toLowerCase()}.hf.space`);
  }
  const host = hosts.find((h) => h.length <= 80 && APP_HOST.test(h));
  return host ? `https://${host}` : undefined;
}

/** The Hub's runtime object, checked field by field; undefined when it has no usable stage. */
export function parseRuntime(raw: unknown, subdomain?: unknown): SpaceRuntimeInfo | undefined {
  if (!isRecord(raw)) {
    return undefined;
  }
  const stage = flavour(raw.stage);
  if (!stage) {
    return undefined;
  }
  const info: SpaceRuntimeInfo = { stage };
  const hardware = isRecord(raw.hardware) ? raw.hardware : {};
  const current = flavour(hardware.current);
  const requested = flavour(hardware.requested);
  if (current) {
    info.hardware = current;
  }
  if (requested && requested !== current) {
    info.requestedHardware = requested;
  }
  if (typeof raw.gcTimeout === 'number' && Number.isSafeInteger(raw.gcTimeout) && raw.gcTimeout > 0) {
    info.sleepSeconds = raw.gcTimeout;
  }
  if (typeof raw.errorMessage === 'string' && raw.errorMessage.trim()) {
    const text = withoutBidiControls(raw.errorMessage.trim());
    info.error = text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR)}…` : text;
  }
  const appUrl = appUrlOf(raw.domains, subdomain);
  if (appUrl) {
    info.appUrl = appUrl;
  }
  return info;
}

/** "48 hours", "15 minutes", "1 day 2 hours": how long a Space may idle before it sleeps. */
export function sleepText(seconds: number): string {
  const units: [number, string][] = [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ];
  if (seconds % 86_400 !== 0 && seconds % 3_600 === 0) {
    const hours = seconds / 3_600;
    return `${hours} hour${hours === 1 ? '' : 's'}`;
  }
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 && parts.length < 2) {
      parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
      rest -= n * size;
    }
  }
  return parts.length ? parts.join(' ') : `${seconds} seconds`;
}

/** The facts the card's runtime section lists, in order. */
export function runtimeFacts(info: SpaceRuntimeInfo): { label: string; value: string }[] {
  const facts = [{ label: 'Stage', value: stageText(info.stage) }];
  if (info.hardware || info.requestedHardware) {
    const value = info.requestedHardware ? `${info.hardware ?? 'none'} (asked for ${info.requestedHardware})` : (info.hardware as string);
    facts.push({ label: 'Hardware', value });
  }
  if (info.sleepSeconds) {
    facts.push({ label: 'Sleeps after', value: `${sleepText(info.sleepSeconds)} without visitors` });
  }
  return facts;
}

/** The runtime as the card page shows it. */
export function runtimeView(info: SpaceRuntimeInfo): RuntimeView {
  return {
    stage: info.stage,
    facts: runtimeFacts(info),
    ...(info.error ? { error: info.error } : {}),
    ...(info.appUrl && isRunning(info.stage) ? { appUrl: info.appUrl } : {}),
  };
}
