// Bidi and invisible direction characters in Hub text shown as plain text outside the card webviews: tree rows and
// tooltips (describeRepo, accessibleLabel), the hover (plain, firstParagraph), diagnostics (findingsFor),
// notifications (notificationText, which snippet and sign-in messages go through) and quick pick items. One helper,
// withoutBidiControls, drops U+202A–U+202E, U+2066–U+2069, U+200E, U+200F and U+061C; right-to-left text itself stays.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsFor, firstParagraph, plain } from '../../src/code/insights';
import { findRepoRefs } from '../../src/code/pyRefs';
import type { RepoFacts } from '../../src/code/resolver';
import { escapeIcons, notificationText, withoutBidiControls } from '../../src/hub/format';
import { hubSnippets } from '../../src/hub/tasks.lazy';
import { accessibleLabel, describeRepo } from '../../src/lists/treeModel';
import type { RepoSummary } from '../../src/hub/types';

const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const ANY_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** `text` with every control character inserted once, so each is checked at every place. */
function laced(text: string): string {
  return CONTROLS.map((c, i) => `${text.slice(0, i % (text.length + 1))}${c}${text.slice(i % (text.length + 1))}`).join(' ');
}

function repo(extra: Partial<RepoSummary> = {}): RepoSummary {
  return { type: 'model', id: 'org/m', private: false, gated: false, likes: 3, downloads: 10, tags: [], ...extra };
}

describe('bidi controls in Hub text shown as plain text', () => {
  it('the helper drops each control character and keeps everything else, right-to-left letters included', () => {
    for (const c of CONTROLS) {
      assert.equal(withoutBidiControls(`report${c}fdp.exe`), 'reportfdp.exe', `U+${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
    assert.equal(withoutBidiControls('نموذج عربي · model'), 'نموذج عربي · model');
    assert.equal(withoutBidiControls('zero\u200Bwidth'), 'zero\u200Bwidth', 'a zero-width space changes no direction');
  });

  it('tree rows and their screen-reader labels: task, SDK and modality from the Hub', () => {
    const rows = [
      repo({ task: laced('text-generation') }),
      repo({ type: 'space', sdk: laced('gradio') }),
      repo({ type: 'dataset', tags: [`modality:${laced('text')}`] }),
    ];
    for (const r of rows) {
      assert.doesNotMatch(describeRepo(r), ANY_CONTROL);
      assert.doesNotMatch(accessibleLabel({ ...r, task: r.task, sdk: r.sdk }), ANY_CONTROL);
    }
    assert.match(describeRepo(rows[0]), /^text-generation text-generation/);
  });

  it('the hover: README paragraph and every escaped field', () => {
    const paragraph = firstParagraph(`# T\n\n${laced('A model that reads text.')}\n`);
    assert.ok(paragraph);
    assert.doesNotMatch(plain(paragraph), ANY_CONTROL);
    assert.doesNotMatch(plain(laced('text-generation · transformers · License: mit')), ANY_CONTROL);
  });

  it('diagnostics: messages carry no control character even when the facts do', () => {
    const source = 'm = AutoModel.from_pretrained("org/m")\n';
    const [ref] = findRepoRefs(source);
    const facts: RepoFacts = { type: 'model', id: laced('org/m'), likes: 0, gated: 'manual', private: false, customCode: true, newVersion: laced('org/m2') };
    for (const resolution of [
      { state: 'found', facts, access: 'denied' },
      { state: 'renamed', to: laced('org/n'), facts, access: undefined },
    ] as const) {
      const found = findingsFor(ref, resolution, { signedIn: true });
      assert.ok(found.length >= 3);
      for (const f of found) {
        assert.doesNotMatch(f.message, ANY_CONTROL, f.code);
      }
    }
  });

  it('notifications and quick pick text: snippet messages that name the Hub’s library, account names', () => {
    const result = hubSnippets({ id: 'org/m', tags: [], library_name: laced('evil-lib') }, 'transformers', 'https://huggingface.co');
    assert.equal(result.ok, false);
    const message = result.ok ? '' : result.message;
    assert.match(message, ANY_CONTROL, 'the message quotes the Hub');
    assert.doesNotMatch(notificationText(message), ANY_CONTROL);
    assert.equal(escapeIcons(withoutBidiControls(`$(account) ${laced('name')}`)), `\\$(account) ${'name '.repeat(CONTROLS.length).trim()}`);
  });
});
