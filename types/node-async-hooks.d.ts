// The part of Node's `async_hooks` the workers use (workerd provides it under nodejs_compat); the
// generated runtime types do not declare Node's modules.
declare module "node:async_hooks" {
  export class AsyncLocalStorage<T> {
    getStore(): T | undefined;
    run<R>(store: T, fn: () => R): R;
  }
}
