/**
 * Every list endpoint pages the same way (lendingsite/pagination.py on the server):
 * `?page=N&page_size=M` (M at most 200) answering `{count, next, previous, results}`.
 *
 *   for await (const payment of iterate((page, page_size) =>
 *     ls.api.GET("/api/v1/payments/", { params: { query: { loan, page, page_size } } }))) { … }
 */
export const MAX_PAGE_SIZE = 200;

export interface Page<T> {
  count?: number;
  next?: string | null;
  results?: T[];
}

type FetchPage<T> = (page: number, pageSize: number) => Promise<{ data?: Page<T> }>;

/** Each page in turn, from the first until one without a `next` link. */
export async function* pages<T>(fetchPage: FetchPage<T>, pageSize = MAX_PAGE_SIZE): AsyncGenerator<Page<T>> {
  for (let number = 1; ; number++) {
    const { data } = await fetchPage(number, pageSize);
    if (!data) return;
    yield data;
    if (!data.next) return;
  }
}

/** Every item of every page. */
export async function* iterate<T>(fetchPage: FetchPage<T>, pageSize = MAX_PAGE_SIZE): AsyncGenerator<T> {
  for await (const page of pages(fetchPage, pageSize)) {
    yield* page.results ?? [];
  }
}
