import * as vscode from 'vscode';
import type { RepoSummary } from '../hub/types';
import { datasetModality } from '../lists/treeModel';

const TASK_ICONS: [RegExp, string][] = [
  [/text-generation|text2text|conversational|summarization|translation/, 'comment-discussion'],
  [/classification|fill-mask|token-classification|ner/, 'symbol-enum'],
  [/question-answering/, 'comment'],
  [/feature-extraction|sentence-similarity/, 'symbol-array'],
  [/text-to-image|image-to-image|unconditional-image/, 'paintcan'],
  [/image|object-detection|depth|segmentation|video/, 'device-camera'],
  [/audio|speech|voice/, 'unmute'],
  [/reinforcement|robotics/, 'hubot'],
  [/tabular|time-series/, 'table'],
];

const MODALITY_ICONS: Record<string, string> = {
  text: 'file-text',
  image: 'file-media',
  audio: 'unmute',
  video: 'device-camera-video',
  tabular: 'table',
  timeseries: 'graph-line',
  geospatial: 'globe',
  '3d': 'package',
};

const STAGE_ICONS: Record<string, [string, string?]> = {
  RUNNING: ['play-circle', 'testing.iconPassed'],
  RUNNING_BUILDING: ['play-circle', 'testing.iconPassed'],
  BUILDING: ['sync'],
  BUILD_ERROR: ['error', 'list.errorForeground'],
  RUNTIME_ERROR: ['error', 'list.errorForeground'],
  CONFIG_ERROR: ['error', 'list.errorForeground'],
  PAUSED: ['debug-pause'],
  SLEEPING: ['circle-slash'],
};

/**
 * An icon that says what a repo is: a lock for gated and private repos (the row's text says which), else task for
 * models, modality for datasets, status (else SDK) for Spaces.
 */
export function repoIcon(repo: RepoSummary): vscode.ThemeIcon {
  if (repo.gated || repo.private) {
    return new vscode.ThemeIcon('lock');
  }
  if (repo.type === 'model') {
    const match = repo.task ? TASK_ICONS.find(([pattern]) => pattern.test(repo.task!)) : undefined;
    return new vscode.ThemeIcon(match?.[1] ?? 'symbol-misc');
  }
  if (repo.type === 'dataset') {
    const modality = datasetModality(repo);
    return new vscode.ThemeIcon((modality && MODALITY_ICONS[modality]) || 'database');
  }
  const stage = repo.stage ? STAGE_ICONS[repo.stage] : undefined;
  if (stage) {
    return new vscode.ThemeIcon(stage[0], stage[1] ? new vscode.ThemeColor(stage[1]) : undefined);
  }
  return new vscode.ThemeIcon(repo.sdk === 'docker' ? 'server-environment' : repo.sdk === 'static' ? 'globe' : 'rocket');
}
