// The checked shapes of a repo's Discussions and pull requests (./model.ts makes them); types only, for host and page.
import type { DiscussionStatus } from './labels';

export interface DiscussionSummary {
  num: number;
  title: string;
  status: DiscussionStatus;
  isPullRequest: boolean;
  /** A Hub user name, or `deleted` when the Hub names none (an account since removed). */
  author: string;
  /** ISO date, when the Hub sent a valid one. */
  createdAt?: string;
  numComments: number;
  pinned: boolean;
}

export interface DiscussionPage {
  items: DiscussionSummary[];
  /** Threads in the whole list, as the Hub counts them. */
  count: number;
  /** Index of this page's first thread. */
  start: number;
  /** Threads of the page the Hub sent that were not valid (not shown). */
  skipped: number;
}

export interface EventBase {
  author: string;
  createdAt?: string;
}

export type DiscussionEvent =
  | (EventBase & { kind: 'comment'; text: string; hidden: boolean; edited: boolean; cut: boolean })
  | (EventBase & { kind: 'status'; status: DiscussionStatus })
  | (EventBase & { kind: 'title'; from: string; to: string })
  | (EventBase & { kind: 'commit'; subject: string; oid: string });

export interface DiscussionThread extends DiscussionSummary {
  events: DiscussionEvent[];
  /** Events not shown: past the 2,000 kept, or of a kind or shape this version does not read. */
  skippedEvents: number;
  /** Pull requests: the branch it merges into, and the merge commit once merged. */
  targetBranch?: string;
  mergeCommitOid?: string;
}
