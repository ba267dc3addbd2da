import type { StoreChange } from '../../interfaces/store.js';
import type { Mutation } from './records.js';

/** What an index operation did: its result, the changes to publish and the mutations to persist. */
export interface IndexOperation<T> {
  value: T;
  changes: StoreChange[];
  mutations: Mutation[];
}

/** Collects the changes and mutations of one operation as it goes. */
export class OperationLog {
  readonly changes: StoreChange[] = [];
  readonly mutations: Mutation[] = [];

  finish<T>(value: T): IndexOperation<T> {
    return { value, changes: this.changes, mutations: this.mutations };
  }
}
