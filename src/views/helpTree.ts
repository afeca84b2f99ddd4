import * as vscode from 'vscode';
import type { CommandId } from '../commands/ids';

interface HelpEntry {
  label: string;
  icon: string;
  command: vscode.Command;
}

/** The Explore view: the overview for newcomers, the Hub's papers and collections, and its own documentation. */
export class HelpTreeProvider implements vscode.TreeDataProvider<HelpEntry> {
  private readonly entries: HelpEntry[] = [
    {
      label: 'What is Hugging Face?',
      icon: 'book',
      command: { command: 'huggingface.openOverview' satisfies CommandId, title: 'What is Hugging Face?' },
    },
    {
      label: 'Daily papers',
      icon: 'mortar-board',
      command: { command: 'huggingface.showDailyPapers' satisfies CommandId, title: 'Show Daily Papers' },
    },
    {
      label: 'Hub documentation',
      icon: 'link-external',
      command: { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse('https://huggingface.co/docs/hub')] },
    },
    {
      label: 'Show log',
      icon: 'output',
      command: { command: 'huggingface.showLog' satisfies CommandId, title: 'Show Log' },
    },
  ];

  getTreeItem(entry: HelpEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(entry.label);
    item.iconPath = new vscode.ThemeIcon(entry.icon);
    item.command = entry.command;
    return item;
  }

  getChildren(entry?: HelpEntry): HelpEntry[] {
    return entry ? [] : this.entries;
  }
}
