import type { Caller } from '../../model/directory';
import type { World } from '../../model/world';
import type { QueryParams } from '../../protocol/query';
import type { XmlNode } from '../../protocol/xml';

/** What an EC2 action handler gets. */
export interface Ec2Context {
  world: World;
  caller: Caller;
  /** Region from the request's credential scope. */
  region: string;
  params: QueryParams;
}

/** An EC2 action handler: returns the children of `<ActionResponse>` (requestId is added by the dispatcher). */
export type Ec2Handler = (ctx: Ec2Context) => XmlNode;

/** The standard `<return>true</return>` body. */
export const RETURN_TRUE: XmlNode = { return: true };
