// A web-test-runner reporter that counts passed and failed tests (and files that failed to
// load) and writes them as JSON, so that scripts/test.js can print one closing count line.
import { writeFileSync } from 'node:fs';

function countSuite(suite, counts) {
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else counts.failed++;
  }
  for (const child of suite.suites ?? []) countSuite(child, counts);
}

export function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, files: sessions.length, brokenFiles: 0 };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, counts);
        // A file that failed to load or threw outside a test counts as a failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.brokenFiles++;
      }
      counts.failed += counts.brokenFiles;
      if (file) writeFileSync(file, JSON.stringify(counts));
    },
  };
}
