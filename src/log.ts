import * as vscode from 'vscode';
import { redact } from './hub/redact';

const RECENT_LINES = 500;

/** The extension's output channel ("Hugging Face"); every line passes through token redaction. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Hugging Face', { log: true });
  /** The last lines written, already redacted: an output channel cannot be read back, and tests check what was logged. */
  private readonly lines: string[] = [];
  private total = 0;

  info(message: string): void {
    this.channel.info(this.keep('info', redact(message)));
  }

  warn(message: string): void {
    this.channel.warn(this.keep('warning', redact(message)));
  }

  error(message: string, cause?: unknown): void {
    const detail = cause instanceof Error ? ` (${cause.message})` : '';
    this.channel.error(this.keep('error', redact(`${message}${detail}`)));
  }

  /** The most recent lines (at most RECENT_LINES), oldest first, as `[level] message`, and how many were ever written. */
  recent(): { total: number; lines: readonly string[] } {
    return { total: this.total, lines: [...this.lines] };
  }

  private keep(level: string, line: string): string {
    this.total++;
    this.lines.push(`[${level}] ${line}`);
    if (this.lines.length > RECENT_LINES) {
      this.lines.splice(0, this.lines.length - RECENT_LINES);
    }
    return line;
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
