// The words for a thread's status and kind, shared by the picker (host) and the discussion page (webview). No imports.

export type DiscussionStatus = 'open' | 'closed' | 'merged' | 'draft';

export const DISCUSSION_STATUSES: readonly DiscussionStatus[] = ['open', 'closed', 'merged', 'draft'];

const STATUS_TEXT: Record<DiscussionStatus, string> = { open: 'Open', closed: 'Closed', merged: 'Merged', draft: 'Draft' };

export function statusText(status: DiscussionStatus): string {
  return STATUS_TEXT[status];
}

export function kindText(isPullRequest: boolean): string {
  return isPullRequest ? 'Pull request' : 'Discussion';
}
