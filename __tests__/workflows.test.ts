import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/**
 * The GitHub Actions workflows in .github/workflows: valid YAML, every npm
 * script they run exists in package.json, every action pinned to a commit,
 * AWS credentials only through OIDC, least permissions per job.
 */
const PROJECT = path.join(__dirname, '..');
const WORKFLOWS = path.join(PROJECT, '.github', 'workflows');

/** cdktf-cli 0.21.0 commands and aliases (`npx cdktf --help`). */
const CDKTF_COMMANDS = new Set([
  'init', 'get', 'convert', 'deploy', 'apply', 'destroy', 'diff', 'plan', 'list', 'login',
  'synth', 'synthesize', 'watch', 'output', 'outputs', 'debug', 'provider', 'completion',
]);

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
  readonly if?: string;
}

interface Job {
  readonly permissions?: Record<string, string> | string;
  readonly steps?: readonly Step[];
  readonly 'timeout-minutes'?: number;
}

interface Workflow {
  readonly name?: string;
  readonly on: Record<string, unknown>;
  readonly permissions?: Record<string, string> | string;
  readonly concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  readonly env?: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

/** What each `run:` names: npm scripts (`npm run X`, `npm test`) and cdktf commands (`npx cdktf X`). */
function commandsIn(script: string): { npmScripts: string[]; cdktfCommands: string[] } {
  const npmScripts = [
    ...[...script.matchAll(/\bnpm\s+(?:run|run-script)\s+(?:--?[\w-]+(?:=\S+)?\s+)*([\w:.-]+)/g)].map((m) => m[1]),
    ...[...script.matchAll(/\bnpm\s+(?:test|t)\b/g)].map(() => 'test'),
  ];
  const cdktfCommands = [...script.matchAll(/\bnpx\s+(?:--?[\w-]+\s+)*cdktf\s+([\w-]+)/g)].map((m) => m[1]);
  return { npmScripts, cdktfCommands };
}

/** Names a workflow uses that package.json or cdktf-cli lacks. */
function missingCommands(workflow: Workflow, scripts: Readonly<Record<string, string>>): string[] {
  const missing: string[] = [];
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    for (const step of job.steps ?? []) {
      if (step.run === undefined) {
        continue;
      }
      const { npmScripts, cdktfCommands } = commandsIn(step.run);
      npmScripts.filter((s) => scripts[s] === undefined).forEach((s) => missing.push(`${jobName}: npm script "${s}"`));
      cdktfCommands.filter((c) => !CDKTF_COMMANDS.has(c)).forEach((c) => missing.push(`${jobName}: cdktf command "${c}"`));
    }
  }
  return missing;
}

/** Does a step configure AWS credentials? */
function configuresAws(step: Step): boolean {
  return (step.uses ?? '').startsWith('aws-actions/configure-aws-credentials@');
}

function permissionsOf(job: Job, workflow: Workflow): Record<string, string> {
  const permissions = job.permissions ?? workflow.permissions ?? {};
  if (typeof permissions === 'string') {
    throw new Error(`permissions "${permissions}"; expected a mapping (least privilege per job)`);
  }
  return permissions;
}

const files = fs.readdirSync(WORKFLOWS).filter((f) => /\.ya?ml$/.test(f)).sort();
const texts = new Map(files.map((f) => [f, fs.readFileSync(path.join(WORKFLOWS, f), 'utf8')]));
const workflows = new Map(files.map((f) => [f, parse(texts.get(f) ?? '') as Workflow]));
const packageJson = JSON.parse(fs.readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('.github/workflows', () => {
  test('has the three workflows', () => {
    expect(files).toEqual(['deploy.yml', 'drift.yml', 'pull-request.yml']);
  });

  test.each(files)('%s parses as YAML into a workflow with jobs', (file) => {
    expect(() => parse(texts.get(file) ?? '', { strict: true, uniqueKeys: true })).not.toThrow();
    const workflow = workflows.get(file);
    expect(typeof workflow?.on).toBe('object');
    expect(Object.keys(workflow?.jobs ?? {}).length).toBeGreaterThan(0);
  });

  test.each(files)('%s: every npm script and cdktf command it runs exists (package.json read now)', (file) => {
    expect(missingCommands(workflows.get(file) as Workflow, packageJson.scripts)).toEqual([]);
  });

  test('the check fails for a script missing from package.json', () => {
    const workflow = workflows.get('pull-request.yml') as Workflow;
    const withoutDrift = { ...packageJson.scripts, drift: undefined } as unknown as Record<string, string>;
    delete withoutDrift.drift;
    expect(missingCommands(workflow, { ...withoutDrift, review: 'x', synth: 'x', test: 'x' })).toEqual(['plan: npm script "drift"']);
    expect(commandsIn('npm run --silent review -- --x\nnpx cdktf synth && npm test')).toEqual({
      npmScripts: ['review', 'test'],
      cdktfCommands: ['synth'],
    });
    expect(missingCommands({ on: {}, jobs: { j: { steps: [{ run: 'npx cdktf sinth' }] } } }, {})).toEqual(['j: cdktf command "sinth"']);
  });

  test.each(files)('%s: every action is pinned to a full commit SHA, with its version in a comment', (file) => {
    const uses = [...(texts.get(file) ?? '').matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, ref, rest] of uses) {
      expect([ref, /^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/.test(ref)]).toEqual([ref, true]);
      expect([ref, /^\s*# v\d+\.\d+\.\d+$/.test(rest)]).toEqual([ref, true]);
    }
  });

  test.each(files)('%s: no long-lived AWS keys, credentials only through OIDC with the CI role variable', (file) => {
    const text = texts.get(file) ?? '';
    expect(text).not.toMatch(/secrets\.\w*(AWS|ACCESS|SECRET)\w*/i);
    expect(text).not.toMatch(/aws-(access-key-id|secret-access-key|session-token)\s*:/);
    expect(text).not.toMatch(/AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)\s*:/);
    const workflow = workflows.get(file) as Workflow;
    for (const job of Object.values(workflow.jobs)) {
      for (const step of (job.steps ?? []).filter(configuresAws)) {
        expect(step.with?.['role-to-assume']).toBe('${{ vars.AMI_SHARE_CI_ROLE_ARN }}');
      }
    }
  });

  test.each(files)('%s: least permissions: none at the top, id-token: write exactly where AWS credentials are configured', (file) => {
    const workflow = workflows.get(file) as Workflow;
    expect(workflow.permissions).toEqual({});
    for (const [name, job] of Object.entries(workflow.jobs)) {
      expect([name, job.permissions !== undefined]).toEqual([name, true]);
      const permissions = permissionsOf(job, workflow);
      const needsToken = (job.steps ?? []).some(configuresAws);
      expect([name, permissions['id-token'] === 'write']).toEqual([name, needsToken]);
      const allowed: Record<string, string> = { contents: 'read', 'id-token': 'write', 'pull-requests': 'write' };
      for (const [scope, level] of Object.entries(permissions)) {
        expect([name, scope, level]).toEqual([name, scope, allowed[scope]]);
      }
      if (permissions['pull-requests'] === 'write') {
        // the job holding a write token runs none of the pull request's code
        expect((job.steps ?? []).some((s) => (s.uses ?? '').startsWith('actions/checkout@') || s.run !== undefined)).toBe(false);
      }
    }
  });

  test.each(files)('%s: terraform 1.11.4 without wrapper, Node 20, CHECKPOINT_DISABLE=1', (file) => {
    const workflow = workflows.get(file) as Workflow;
    expect(workflow.env?.CHECKPOINT_DISABLE).toBe('1');
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps ?? []);
    for (const step of steps.filter((s) => (s.uses ?? '').startsWith('hashicorp/setup-terraform@'))) {
      expect(step.with).toEqual({ terraform_version: '1.11.4', terraform_wrapper: false });
    }
    for (const step of steps.filter((s) => (s.uses ?? '').startsWith('actions/setup-node@'))) {
      expect(step.with?.['node-version']).toBe('20');
    }
    // synth alone needs no terraform; deploy, drift and the tests (terraform validate) do
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const installsTerraform = (job.steps ?? []).some((s) => (s.uses ?? '').startsWith('hashicorp/setup-terraform@'));
      if ((job.steps ?? []).some((s) => /npm (run (deploy|drift)|test)\b/.test(s.run ?? ''))) {
        expect([name, installsTerraform]).toEqual([name, true]);
      }
    }
  });

  test('pull-request.yml: review against the base branch, plan report, one comment', () => {
    const workflow = workflows.get('pull-request.yml') as Workflow;
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    const runs = Object.values(workflow.jobs)
      .flatMap((job) => job.steps ?? [])
      .map((s) => s.run ?? '')
      .join('\n');
    expect(runs).toContain('npm run synth');
    expect(runs).toContain('npm run review -- --base-ref "origin/${BASE_REF}"');
    expect(runs).toContain('npm run drift -- --markdown report.md');
    const comment = workflow.jobs.comment.steps?.find((s) => (s.uses ?? '').startsWith('actions/github-script@'));
    expect(String(comment?.with?.script)).toContain('updateComment');
  });

  test('deploy.yml: on push to main, never two at once, auto-approved deploy', () => {
    const workflow = workflows.get('deploy.yml') as Workflow;
    expect(workflow.on).toEqual({ push: { branches: ['main'] } });
    expect(workflow.concurrency).toEqual({ group: 'ami-share-deploy', 'cancel-in-progress': false });
    const runs = (workflow.jobs.deploy.steps ?? []).map((s) => s.run ?? '');
    expect(runs).toContain('npm run deploy -- --auto-approve');
  });

  test('drift.yml: daily and on demand; exit 2 and 1 fail the job; the JSON report is an artifact', () => {
    const workflow = workflows.get('drift.yml') as Workflow;
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
    const steps = workflow.jobs.drift.steps ?? [];
    const upload = steps.find((s) => (s.uses ?? '').startsWith('actions/upload-artifact@'));
    expect(upload?.if).toBe('always()');
    expect(String(upload?.with?.path)).toContain('drift-report.json');
    const verdict = steps[steps.length - 1].run ?? '';
    expect(verdict).toMatch(/2\) .*exit 2/);
    expect(verdict).toMatch(/\*\) .*exit 1/);
  });
});
