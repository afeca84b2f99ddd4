// Entry point of the Extension Host test tier (`extensionTestsPath`): VS Code calls run() inside the
// extension host once the extension under development is loaded. It runs every sibling *.test.js file
// with mocha and writes { passed, failed, failures } as JSON to $HF_HUB_TESTS_REPORT, if set. $HF_HUB_TESTS_GREP,
// if set, runs only the tests whose full title matches it (for working on one suite).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

interface Report {
  passed: number;
  failed: number;
  failures: { title: string; error: string }[];
}

function writeReport(report: Report): void {
  const file = process.env.HF_HUB_TESTS_REPORT;
  if (file) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  }
}

export function run(): Promise<void> {
  const report: Report = { passed: 0, failed: 0, failures: [] };
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20_000, grep: process.env.HF_HUB_TESTS_GREP || undefined });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha
        .run((failures) => {
          writeReport(report);
          if (failures > 0) {
            reject(new Error(`${failures} Extension Host test(s) failed.`));
          } else {
            resolve();
          }
        })
        .on('pass', () => report.passed++)
        .on('fail', (test, err: Error) => {
          report.failed++;
          report.failures.push({ title: test.fullTitle(), error: err.message });
        });
    } catch (err) {
      // A test file that throws while loading: count it, so the run can never look green.
      const error = err instanceof Error ? err : new Error(String(err));
      writeReport({ passed: 0, failed: 1, failures: [{ title: 'loading the test files', error: error.stack ?? error.message }] });
      reject(error);
    }
  });
}
