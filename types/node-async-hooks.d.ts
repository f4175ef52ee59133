// The part of Node's `async_hooks` the workers use (workerd provides it under the `nodejs_als` flag); the
// generated runtime types do not declare Node's modules.
declare module "node:async_hooks" {
  export class AsyncLocalStorage<T> {
    getStore(): T | undefined;
    run<R>(store: T, fn: () => R): R;
  }
}
