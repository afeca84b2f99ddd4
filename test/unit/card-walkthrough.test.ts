import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { COMMAND_IDS } from '../../src/commands/ids';
import { OVERVIEW_BODY } from '../../src/webviews/overviewContent';
import { OVERVIEW_ACTIONS } from '../../src/webviews/protocol';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents?: string[];
}

interface Manifest {
  contributes: {
    walkthroughs: { id: string; title: string; steps: Step[] }[];
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, { scope?: string; default?: unknown; enum?: string[] }> };
    menus: Record<string, { command: string; when?: string }[]>;
  };
}

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as Manifest;
const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
const isKnownCommand = (id: string) => (COMMAND_IDS as readonly string[]).includes(id) || (id.endsWith('.focus') && views.has(id.slice(0, -'.focus'.length)));

describe('the "Get started with the Hugging Face Hub" walkthrough', () => {
  const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === 'huggingface.getStarted');

  it('exists, with steps whose media are Markdown files the package ships', () => {
    assert.ok(walkthrough);
    assert.equal(walkthrough.title, 'Get started with the Hugging Face Hub');
    const ignore = readFileSync(new URL('.vscodeignore', root), 'utf8');
    assert.match(ignore, /^!media\/walkthrough\/\*\.md$/m, 'the media are kept in the .vsix');
    for (const step of walkthrough.steps) {
      assert.match(step.media.markdown ?? '', /^media\/walkthrough\/[a-z-]+\.md$/, step.id);
      assert.ok(existsSync(new URL(step.media.markdown!, root)), step.media.markdown);
    }
  });

  it('links only to commands the extension has, and out to huggingface.co', () => {
    for (const step of walkthrough!.steps) {
      const text = [step.description, readFileSync(new URL(step.media.markdown!, root), 'utf8')].join('\n');
      for (const [, target] of text.matchAll(/\]\(([^)]+)\)/g)) {
        if (target.startsWith('command:')) {
          assert.ok(isKnownCommand(target.slice('command:'.length)), `${step.id}: ${target}`);
        } else {
          assert.match(target, /^https:\/\/huggingface\.co\//, `${step.id}: ${target}`);
        }
      }
      for (const event of step.completionEvents ?? []) {
        const [kind, id] = event.split(':');
        assert.ok(kind === 'onCommand' ? isKnownCommand(id) : kind === 'onView' ? views.has(id) : false, `${step.id}: ${event}`);
      }
    }
  });

  it('covers every section of the overview page', () => {
    const media = walkthrough!.steps.map((s) => readFileSync(new URL(s.media.markdown!, root), 'utf8')).join('\n');
    const headings = [...OVERVIEW_BODY.matchAll(/<h2 id="[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]);
    assert.ok(headings.length >= 8);
    for (const heading of headings) {
      const word = heading.replace(/^The /, '').split(' ')[0];
      assert.match(media, new RegExp(`^#+ .*${word}`, 'im'), `the walkthrough has a heading for "${heading}"`);
    }
  });
});

describe('card contributions', () => {
  it('declares "Open Card…" in the palette and on repo rows', () => {
    assert.ok(COMMAND_IDS.includes('huggingface.openCard'));
    const hidden = manifest.contributes.menus.commandPalette.filter((e) => e.when === 'false').map((e) => e.command);
    assert.ok(!hidden.includes('huggingface.openCard'));
    assert.ok(manifest.contributes.menus['view/item/context'].some((e) => e.command === 'huggingface.openCard' && /repo/.test(e.when ?? '')));
  });

  it('keeps the image setting out of workspace reach (it is security-relevant)', () => {
    const setting = manifest.contributes.configuration.properties['huggingface.cards.images'];
    assert.equal(setting.scope, 'application');
    assert.equal(setting.default, 'huggingface');
    assert.deepEqual(setting.enum, ['huggingface', 'all', 'none']);
  });

  it('maps every overview button to an action the host knows', () => {
    for (const [, action] of OVERVIEW_BODY.matchAll(/data-action="([^"]+)"/g)) {
      assert.ok((OVERVIEW_ACTIONS as readonly string[]).includes(action), action);
    }
  });
});
