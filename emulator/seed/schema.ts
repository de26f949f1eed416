/**
 * JSON Schema (draft-07, for ajv) of the seed file. Structure only; the
 * cross-references (accounts, keys, ids) are checked by `validateSeedReferences`.
 */
const accountId = { type: 'string', pattern: '^[0-9]{12}$' };
const region = { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]$' };
const tags = { type: 'object', additionalProperties: { type: 'string' } };
const accountList = { type: 'array', items: accountId };

/** The seed schema. */
export const seedSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['accounts'],
  properties: {
    regions: { type: 'array', items: region, minItems: 1 },
    accounts: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name'],
        properties: {
          id: accountId,
          name: { type: 'string', pattern: '^[A-Za-z0-9_.@+=,-]{1,64}$' },
          users: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['name', 'accessKeyId', 'secretAccessKey'],
              properties: {
                name: { type: 'string', pattern: '^[A-Za-z0-9_.@+=,-]{1,64}$' },
                accessKeyId: { type: 'string', pattern: '^AKIA[A-Z0-9]{12,124}$' },
                secretAccessKey: { type: 'string', minLength: 8 },
              },
            },
          },
        },
      },
    },
    roles: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['arn', 'trustedAccounts'],
        properties: {
          arn: { type: 'string', pattern: '^arn:aws:iam::[0-9]{12}:role/([A-Za-z0-9_+=,.@/-]+/)?[A-Za-z0-9_+=,.@-]{1,64}$' },
          trustedAccounts: accountList,
          maxSessionDurationSeconds: { type: 'integer', minimum: 3600, maximum: 43200 },
        },
      },
    },
    organizations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['arn'],
        properties: {
          arn: { type: 'string', pattern: '^arn:aws:organizations::[0-9]{12}:organization/o-[a-z0-9]{10,32}$' },
          accounts: accountList,
          organizationalUnits: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['arn'],
              properties: {
                arn: { type: 'string', pattern: '^arn:aws:organizations::[0-9]{12}:ou/o-[a-z0-9]{10,32}/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$' },
                accounts: accountList,
                parent: { type: 'string' },
              },
            },
          },
        },
      },
    },
    kmsKeys: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['account', 'region'],
        properties: {
          account: accountId,
          region,
          keyId: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
          aliases: { type: 'array', items: { type: 'string', pattern: '^alias/(?!aws/)[A-Za-z0-9/_-]{1,250}$' } },
          description: { type: 'string' },
          allowedAccounts: accountList,
        },
      },
    },
    images: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'account', 'region', 'name', 'blockDeviceMappings'],
        properties: {
          id: { type: 'string', pattern: '^ami-([0-9a-f]{8}|[0-9a-f]{17})$' },
          account: accountId,
          region,
          name: { type: 'string', pattern: "^[A-Za-z0-9()\\[\\] ./'@_-]{3,128}$" },
          description: { type: 'string', maxLength: 255 },
          state: { enum: ['available', 'pending', 'failed', 'disabled'] },
          architecture: { enum: ['i386', 'x86_64', 'arm64', 'x86_64_mac', 'arm64_mac'] },
          creationDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' },
          rootDeviceName: { type: 'string' },
          virtualizationType: { enum: ['hvm', 'paravirtual'] },
          enaSupport: { type: 'boolean' },
          bootMode: { enum: ['legacy-bios', 'uefi', 'uefi-preferred'] },
          imdsSupport: { enum: ['v2.0'] },
          deprecationTime: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$' },
          tags,
          launchPermissions: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              minProperties: 1,
              maxProperties: 1,
              properties: {
                userId: accountId,
                group: { const: 'all' },
                organizationArn: { type: 'string' },
                organizationalUnitArn: { type: 'string' },
              },
            },
          },
          blockDeviceMappings: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['deviceName'],
              properties: {
                deviceName: { type: 'string', pattern: '^/dev/[a-z0-9]+$|^xvd[a-z]+$|^sd[a-z]+$' },
                virtualName: { type: 'string', pattern: '^ephemeral[0-9]+$' },
                ebs: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['snapshotId', 'volumeSize'],
                  properties: {
                    snapshotId: { type: 'string', pattern: '^snap-([0-9a-f]{8}|[0-9a-f]{17})$' },
                    volumeSize: { type: 'integer', minimum: 1, maximum: 65536 },
                    volumeType: { enum: ['standard', 'io1', 'io2', 'gp2', 'gp3', 'sc1', 'st1'] },
                    deleteOnTermination: { type: 'boolean' },
                    encrypted: { type: 'boolean' },
                    kmsKey: { type: 'string', minLength: 1 },
                    tags,
                    createVolumePermissions: {
                      type: 'array',
                      items: {
                        type: 'object',
                        additionalProperties: false,
                        minProperties: 1,
                        maxProperties: 1,
                        properties: { userId: accountId, group: { const: 'all' } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
