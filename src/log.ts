import * as vscode from 'vscode';
import { redact } from './hub/redact';

/** The extension's output channel ("Hugging Face"); every line passes through token redaction. */
export class Log implements vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Hugging Face', { log: true });

  info(message: string): void {
    this.channel.info(redact(message));
  }

  warn(message: string): void {
    this.channel.warn(redact(message));
  }

  error(message: string, cause?: unknown): void {
    const detail = cause instanceof Error ? ` (${cause.message})` : '';
    this.channel.error(redact(`${message}${detail}`));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
