import { SHAPES, IdShape } from './patterns';

/**
 * JSON Schema (draft-07) of shares.yaml, the contract in shared/spec/manifest.md.
 * It checks shape only; rules that relate fields to each other live in
 * cross-field-rules.ts. Every leaf carries a `description`: the error
 * messages quote it as what is expected.
 */

function shaped(shape: IdShape): Record<string, unknown> {
  return { type: 'string', pattern: shape.pattern, description: shape.expected };
}

const credentials = {
  roleArn: shaped(SHAPES.roleArn),
  externalId: shaped(SHAPES.externalId),
  profile: shaped(SHAPES.profile),
};

const regionItem = {
  description: 'a region name, or a mapping {region, kmsKeyArn}',
  if: { type: 'string' },
  then: shaped(SHAPES.region),
  else: {
    type: 'object',
    description: 'a region name, or a mapping {region, kmsKeyArn}',
    additionalProperties: false,
    required: ['region'],
    properties: {
      region: shaped(SHAPES.region),
      kmsKeyArn: shaped(SHAPES.kmsKeyArn),
    },
  },
};

const arnList = (shape: IdShape) => ({
  type: 'array',
  description: `a list of ${shape.expected.replace(/^an? /, '')}s`,
  minItems: 1,
  items: shaped(shape),
});

export const MANIFEST_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  description: 'a mapping with the fields version, source, images, targets and shares',
  additionalProperties: false,
  required: ['version', 'source', 'images', 'targets', 'shares'],
  properties: {
    version: { const: 1, description: 'the manifest format version, 1' },
    state: {
      type: 'object',
      description: 'where Terraform keeps state: {backend: local | s3 | cloud, ...}',
      additionalProperties: false,
      required: ['backend'],
      properties: {
        backend: { enum: ['local', 's3', 'cloud'], description: '"local", "s3" or "cloud"' },
        bucket: shaped(SHAPES.bucket),
        keyPrefix: shaped(SHAPES.keyPrefix),
        region: shaped(SHAPES.region),
        roleArn: shaped(SHAPES.roleArn),
        useLockfile: { type: 'boolean', description: 'true or false' },
        organization: shaped(SHAPES.terraformCloudName),
        workspacePrefix: shaped(SHAPES.terraformCloudName),
        hostname: shaped(SHAPES.hostname),
      },
      allOf: [
        {
          if: { properties: { backend: { const: 's3' } } },
          then: { required: ['bucket', 'region'], properties: { bucket: shaped(SHAPES.bucket), region: shaped(SHAPES.region) } },
        },
        {
          if: { properties: { backend: { const: 'cloud' } } },
          then: { required: ['organization'], properties: { organization: shaped(SHAPES.terraformCloudName) } },
        },
      ],
    },
    policy: {
      type: 'object',
      description: 'the sharing policy: {allowPublic, allowedAccounts}',
      additionalProperties: false,
      properties: {
        allowPublic: { type: 'boolean', description: 'true or false' },
        allowedAccounts: {
          type: 'array',
          description: 'a list of 12-digit account ids, quoted',
          items: shaped(SHAPES.accountId),
        },
      },
    },
    source: {
      type: 'object',
      description: 'the account that owns the AMIs: {accountId, region}',
      additionalProperties: false,
      required: ['accountId', 'region'],
      properties: {
        accountId: shaped(SHAPES.accountId),
        region: shaped(SHAPES.region),
        ...credentials,
      },
    },
    images: {
      type: 'object',
      description: 'a mapping of image keys to {amiId}',
      minProperties: 1,
      propertyNames: shaped(SHAPES.key),
      additionalProperties: {
        type: 'object',
        description: 'an image: {amiId}',
        additionalProperties: false,
        required: ['amiId'],
        properties: { amiId: shaped(SHAPES.amiId) },
      },
    },
    targets: {
      type: 'object',
      description: 'a mapping of target keys to {accountId, regions}',
      propertyNames: shaped(SHAPES.key),
      additionalProperties: {
        type: 'object',
        description: 'a target account: {accountId, regions}',
        additionalProperties: false,
        required: ['accountId'],
        properties: {
          accountId: shaped(SHAPES.accountId),
          ...credentials,
          regions: {
            type: 'array',
            description: 'a list of regions where copies land',
            minItems: 1,
            items: regionItem,
          },
        },
      },
    },
    shares: {
      type: 'array',
      description: 'a list of shares, each {image, to | organizations | organizationalUnits}',
      items: {
        type: 'object',
        description: 'a share: {image, to, organizations, organizationalUnits, public, copy, access, protect, adopt, tags}',
        additionalProperties: false,
        required: ['image'],
        properties: {
          image: { type: 'string', description: 'the key of an entry in images' },
          to: {
            type: 'array',
            description: 'a list of target keys',
            minItems: 1,
            items: { type: 'string', description: 'the key of an entry in targets' },
          },
          organizations: arnList(SHAPES.organizationArn),
          organizationalUnits: arnList(SHAPES.organizationalUnitArn),
          public: { type: 'boolean', description: 'true or false' },
          copy: { type: 'boolean', description: 'true or false' },
          protect: { type: 'boolean', description: 'true or false' },
          adopt: { type: 'boolean', description: 'true or false' },
          access: { enum: ['granted', 'revoked'], description: '"granted" or "revoked"' },
          tags: {
            type: 'object',
            description: 'a mapping of at most 47 tag keys to string values',
            maxProperties: 47, // AWS allows 50 tags on an image; ami-share adds 3 provenance tags
            propertyNames: shaped(SHAPES.tagKey),
            additionalProperties: shaped(SHAPES.tagValue),
          },
        },
      },
    },
  },
} as const;
