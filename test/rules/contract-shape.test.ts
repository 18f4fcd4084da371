/**
 * The contract file's schema (src/rules/contract-schema.ts) and the normalized `Contract` every
 * rule reads (src/rules/contract-types.ts) name the same fields at every level, so a field added
 * to one and forgotten in the other fails the type check. Values may differ between the two:
 * normalizing fills defaults and resolves references.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { ParsedContract } from '../../src/rules/contract-schema.js';
import type { Contract } from '../../src/rules/contract-types.js';

type Keys<T> = keyof NonNullable<T>;
type Item<T> = NonNullable<T> extends readonly (infer I)[] ? I : never;
type Entry<T> = NonNullable<NonNullable<T>[keyof NonNullable<T>]>;

type P = ParsedContract;
type C = Contract;

describe('contract schema and Contract type', () => {
  it('name the same fields at the top and in each section', () => {
    expectTypeOf<Keys<P>>().toEqualTypeOf<Keys<C>>();
    expectTypeOf<Keys<P['customer']>>().toEqualTypeOf<Keys<C['customer']>>();
    expectTypeOf<Keys<Item<P['customer']['contacts']>>>().toEqualTypeOf<Keys<Item<C['customer']['contacts']>>>();
    expectTypeOf<Keys<P['term']>>().toEqualTypeOf<Keys<C['term']>>();
    expectTypeOf<Keys<P['fee']>>().toEqualTypeOf<Keys<C['fee']>>();
    expectTypeOf<Keys<Item<P['sites']>>>().toEqualTypeOf<Keys<Item<C['sites']>>>();
    expectTypeOf<Keys<P['sla']>>().toEqualTypeOf<Keys<C['sla']>>();
    expectTypeOf<Keys<P['sla']['priorities']>>().toEqualTypeOf<Keys<C['sla']['priorities']>>();
    expectTypeOf<Keys<Entry<P['sla']['priorities']>>>().toEqualTypeOf<Keys<Entry<C['sla']['priorities']>>>();
    expectTypeOf<Keys<Item<P['sla']['credits']>>>().toEqualTypeOf<Keys<Item<C['sla']['credits']>>>();
    expectTypeOf<Keys<Item<P['sla']['subcontractors']>>>().toEqualTypeOf<Keys<Item<C['sla']['subcontractors']>>>();
    expectTypeOf<Keys<P['sla']['creditCap']>>().toEqualTypeOf<Keys<C['sla']['creditCap']>>();
    expectTypeOf<Keys<Item<P['rates']>>>().toEqualTypeOf<Keys<Item<C['rates']>>>();
    expectTypeOf<Keys<Item<P['rates']>['billing']>>().toEqualTypeOf<Keys<Item<C['rates']>['billing']>>();
    expectTypeOf<Keys<P['modifiers']>>().toEqualTypeOf<Keys<C['modifiers']>>();
    expectTypeOf<Keys<NonNullable<P['modifiers']>['overtime']>>().toEqualTypeOf<Keys<C['modifiers']['overtime']>>();
    expectTypeOf<Keys<NonNullable<P['modifiers']>['outsideAccess']>>().toEqualTypeOf<Keys<C['modifiers']['outsideAccess']>>();
    expectTypeOf<Keys<Item<NonNullable<P['modifiers']>['seasonal']>>>().toEqualTypeOf<Keys<Item<C['modifiers']['seasonal']>>>();
    expectTypeOf<Keys<NonNullable<P['modifiers']>['travel']>>().toEqualTypeOf<Keys<C['modifiers']['travel']>>();
    expectTypeOf<Keys<P['entitlements']>>().toEqualTypeOf<Keys<C['entitlements']>>();
    expectTypeOf<Keys<Item<NonNullable<P['entitlements']>['prepaidHours']>>>().toEqualTypeOf<Keys<Item<C['entitlements']['prepaidHours']>>>();
    expectTypeOf<Keys<Item<NonNullable<P['entitlements']>['warranty']>>>().toEqualTypeOf<Keys<Item<C['entitlements']['warranty']>>>();
    expectTypeOf<Keys<Item<P['parts']>>>().toEqualTypeOf<Keys<Item<C['parts']>>>();
    expectTypeOf<Keys<Item<Entry<P['checklists']>>>>().toEqualTypeOf<Keys<Item<Entry<C['checklists']>>>>();
    expectTypeOf<Keys<P['approvals']>>().toEqualTypeOf<Keys<C['approvals']>>();
    expectTypeOf<Keys<Entry<P['approvals']>>>().toEqualTypeOf<Keys<Entry<C['approvals']>>>();
    expectTypeOf<Keys<Item<P['recurring']>>>().toEqualTypeOf<Keys<Item<C['recurring']>>>();
    expectTypeOf<Keys<Item<P['skills']>>>().toEqualTypeOf<Keys<Item<C['skills']>>>();
    expectTypeOf<Keys<P['templates']>>().toEqualTypeOf<Keys<C['templates']>>();
    expectTypeOf<Keys<Item<P['redaction']>>>().toEqualTypeOf<Keys<Item<C['redaction']>>>();
  });

  it('agree on the closed lists: fallbacks, roles, priorities, units, proof kinds', () => {
    expectTypeOf<Item<P['sla']['fallbacks']>>().toEqualTypeOf<Item<C['sla']['fallbacks']>>();
    expectTypeOf<Item<Entry<P['approvals']>['approvers']>>().toEqualTypeOf<Item<Entry<C['approvals']>['approvers']>>();
    expectTypeOf<Item<P['recurring']>['priority']>().toEqualTypeOf<Item<C['recurring']>['priority']>();
    expectTypeOf<Item<P['rates']>['unit']>().toEqualTypeOf<Item<C['rates']>['unit']>();
    expectTypeOf<NonNullable<Item<Entry<P['checklists']>>['proof']>>().toEqualTypeOf<NonNullable<Item<Entry<C['checklists']>>['proof']>>();
    expectTypeOf<Item<P['sla']['credits']>['when']>().toEqualTypeOf<Item<C['sla']['credits']>['when']>();
    expectTypeOf<P['term']['renewal']>().toEqualTypeOf<C['term']['renewal']>();
  });
});
