/** One API call the emulator answered. */
export interface CallRecord {
  /** ISO time. */
  time: string;
  service: string;
  action: string;
  /** Caller account, or `unknown` when the credentials were refused. */
  accountId: string;
  region: string;
  /** AWS error code, when the call failed. */
  errorCode?: string;
  /** AMI and snapshot ids the request names (ids, or image-id/snapshot-id filter values), sorted. */
  subjects?: string[];
}

/** AMI and snapshot ids an EC2 query request names, for spotting repeated lookups. */
export function subjectsOf(params: URLSearchParams): string[] {
  const filterNames = new Map<string, string>();
  for (const [key, value] of params) {
    const name = key.match(/^Filter\.(\d+)\.Name$/);
    if (name) {
      filterNames.set(name[1], value);
    }
  }
  const subjects = new Set<string>();
  for (const [key, value] of params) {
    const filterValue = key.match(/^Filter\.(\d+)\.Value\.\d+$/);
    const named = /^(ImageId|SnapshotId|SourceImageId)(\.\d+)?$/.test(key);
    const filtered = filterValue && ['image-id', 'snapshot-id'].includes(filterNames.get(filterValue[1]) ?? '');
    if (named || filtered) {
      subjects.add(value);
    }
  }
  return [...subjects].sort();
}

/**
 * Records every API call, for counting the AWS calls a tool makes
 * (e.g. a `terraform plan`).
 */
export class CallLog {
  private records: CallRecord[] = [];

  /** Adds a call. */
  add(record: CallRecord): void {
    this.records.push(record);
  }

  /** Every call recorded since start or the last {@link CallLog.reset}. */
  all(): CallRecord[] {
    return [...this.records];
  }

  /** Forgets every call. */
  reset(): void {
    this.records = [];
  }

  /**
   * Calls per account and action, keyed `ACCOUNT service:Action`
   * (e.g. `651700000002 ec2:DescribeImages`).
   */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.records) {
      const key = `${r.accountId} ${r.service}:${r.action}`;
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }
}
