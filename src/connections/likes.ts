/**
 * Likes: the repos a user liked (`GET /api/users/{name}/likes`, newest first) and liking or unliking one
 * (`POST` / `DELETE /api/{type}s/{id}/like`, signed in). Every id is checked for what it claims to be. No `vscode` import.
 */
import { apiCollection, isRepoType, repoIdProblem, type RepoType } from '../hub/repoId';

export interface Like {
  type: RepoType;
  id: string;
  /** ISO 8601: when it was liked. */
  date?: string;
}

/** A Hub user or organisation name. */
const USER_NAME = /^[\w.-]{1,96}$/;

export function likesPath(user: string): string {
  if (!USER_NAME.test(user)) {
    throw new Error(`${user} is not a Hub user name.`);
  }
  return `users/${user}/likes`;
}

export function likePath(type: RepoType, id: string): string {
  const problem = repoIdProblem(id);
  if (problem) {
    throw new Error(problem);
  }
  return `${apiCollection(type)}/${id}/like`;
}

/** The likes in a valid shape, at most `max`, in the Hub's order. */
export function parseLikes(body: unknown, max = 1_000): Like[] {
  if (!Array.isArray(body)) {
    return [];
  }
  const likes: Like[] = [];
  for (const raw of body) {
    const repo = raw && typeof raw === 'object' ? (raw as { repo?: unknown }).repo : undefined;
    if (!repo || typeof repo !== 'object') {
      continue;
    }
    const { name, type } = repo as { name?: unknown; type?: unknown };
    if (typeof name !== 'string' || repoIdProblem(name) || !isRepoType(type)) {
      continue;
    }
    const created = (raw as { createdAt?: unknown }).createdAt;
    likes.push({ type, id: name, ...(typeof created === 'string' && !Number.isNaN(Date.parse(created)) ? { date: new Date(created).toISOString() } : {}) });
    if (likes.length >= max) {
      break;
    }
  }
  return likes;
}

/** Whether `likes` holds the repo. */
export function isLiked(likes: readonly Like[], type: RepoType, id: string): boolean {
  return likes.some((l) => l.type === type && l.id === id);
}
