#!/usr/bin/env python3
"""Tests of scripts/lint.py on a small tree, with a stand-in clang-tidy that logs what it checks."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))

# Reports one finding in each file that contains BAD, and logs every file it is asked to check.
FAKE_TIDY = """#!/bin/sh
if [ "$1" = "--version" ]; then echo "fake clang-tidy 1"; exit 0; fi
for last; do :; done
echo "$last" >> "$LINT_TEST_LOG"
if grep -q BAD "$last"; then echo "$PWD/$last:1:1: warning: bad thing [bugprone-fake]"; fi
exit 0
"""


class LintTest(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp()
        os.makedirs(os.path.join(self.root, "scripts"))
        shutil.copy(os.path.join(HERE, "lint.py"), os.path.join(self.root, "scripts"))
        self.write("scripts/lint_excluded.txt", "# reasons\n")
        self.write(".clang-tidy", "Checks: '-*'\n")
        self.write("core/jobs/jobs.hpp", "#pragma once\nint Jobs();\n")
        self.write("core/jobs/jobs.cpp", '#include "core/jobs/jobs.hpp"\nint Jobs() { return 1; }\n')
        self.write("core/log/log.cpp", "int Log() { return 2; }  // BAD\n")
        self.write("core/http/request_fuzz.cpp", "int Fuzz() { return 3; }  // BAD, but not ours to lint\n")
        self.build = os.path.join(self.root, "build-tidy")
        os.makedirs(self.build)
        units = ["core/jobs/jobs.cpp", "core/log/log.cpp", "core/http/request_fuzz.cpp"]
        with open(os.path.join(self.build, "compile_commands.json"), "w", encoding="utf-8") as file:
            json.dump([{"directory": self.build, "file": os.path.join(self.root, unit),
                        "command": f"c++ -I{self.root} -c {os.path.join(self.root, unit)} -o x.o"} for unit in units],
                      file)
        tools = os.path.join(self.root, "tools")
        os.makedirs(tools)
        self.write("tools/clang-tidy", FAKE_TIDY)
        os.chmod(os.path.join(tools, "clang-tidy"), 0o755)
        self.log = os.path.join(self.root, "checked.log")
        self.env = dict(os.environ, PATH=tools + os.pathsep + os.environ["PATH"], LINT_TEST_LOG=self.log)

    def tearDown(self):
        shutil.rmtree(self.root)

    def write(self, path, text):
        os.makedirs(os.path.dirname(os.path.join(self.root, path)), exist_ok=True)
        with open(os.path.join(self.root, path), "w", encoding="utf-8") as file:
            file.write(text)

    def lint(self):
        """(exit status, output, files clang-tidy checked)."""
        if os.path.exists(self.log):
            os.remove(self.log)
        result = subprocess.run([sys.executable, "-B", os.path.join(self.root, "scripts", "lint.py"), self.build, "2"],
                                env=self.env, capture_output=True, text=True, check=False)
        checked = []
        if os.path.exists(self.log):
            with open(self.log, encoding="utf-8") as file:
                checked = file.read().split()
        return result.returncode, result.stdout + result.stderr, sorted(checked)

    def test_FirstRun_ChecksOurFilesAndFailsOnAFinding(self):
        status, output, checked = self.lint()
        self.assertEqual(status, 1, output)
        self.assertEqual(checked, ["core/jobs/jobs.cpp", "core/log/log.cpp"])
        self.assertIn("core/log/log.cpp:1:1: warning: bad thing [bugprone-fake]", output)

    def test_UnchangedFiles_AreNotCheckedAgainButTheirFindingsStillFail(self):
        self.lint()
        status, output, checked = self.lint()
        self.assertEqual(status, 1)
        self.assertEqual(checked, [])
        self.assertIn("core/log/log.cpp:1:1: warning: bad thing", output)

    def test_ChangedHeader_ChecksAgainOnlyTheFilesIncludingIt(self):
        self.lint()
        self.write("core/jobs/jobs.hpp", "#pragma once\nint Jobs();\nint MoreJobs();\n")
        _, _, checked = self.lint()
        self.assertEqual(checked, ["core/jobs/jobs.cpp"])

    def test_ChangedChecks_CheckEveryFileAgain(self):
        self.lint()
        self.write(".clang-tidy", "Checks: '-*,bugprone-*'\n")
        _, _, checked = self.lint()
        self.assertEqual(checked, ["core/jobs/jobs.cpp", "core/log/log.cpp"])

    def test_ExcludedFile_IsNotChecked_AndAnEntryNamingNoSourceFails(self):
        self.write("scripts/lint_excluded.txt", "# its finding\ncore/log/log.cpp\n")
        status, output, checked = self.lint()
        self.assertEqual(status, 0, output)
        self.assertEqual(checked, ["core/jobs/jobs.cpp"])
        self.write("scripts/lint_excluded.txt", "core/log/log.cpp\ncore/gone.cpp\n")
        status, output, _ = self.lint()
        self.assertEqual(status, 1)
        self.assertIn("scripts/lint_excluded.txt:2: core/gone.cpp is not a source file", output)


if __name__ == "__main__":
    unittest.main()
