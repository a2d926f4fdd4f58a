/*===- ThreadPool.c - the pool behind --threads, linked into each model ---===*
 *
 * Compiled to LLVM IR when graphc is built and linked (internalized) into
 * every model compiled with --threads N > 1, in the way Halide links its
 * runtime: the generated library needs only libc's pthreads, and two
 * models in one program each get their own pool. No system header is
 * included, so the IR is the same for every 64-bit Linux target: the
 * pthread objects live in opaque buffers large enough for glibc and musl
 * on x86-64 and aarch64, and graphc re-targets the module when linking.
 *
 * graphc_rt_parallel_for(task, ctx, n, threads) runs task(ctx, first,
 * last) over [0, n) split into `threads` contiguous ranges: range 0 on the
 * calling thread, the others on workers started on first use. Workers spin
 * briefly for the next loop (kernels follow each other within
 * microseconds), then sleep on a condition variable. A caller that finds
 * the pool busy (another thread is inside the model, or the pool could not
 * start) runs the whole range itself, so the library stays reentrant and
 * thread-safe without waiting on anyone.
 *===----------------------------------------------------------------------===*/

typedef long int64;
typedef void (*graphc_task)(void *ctx, int64 first, int64 last);

/* Opaque, aligned storage for pthread_mutex_t / pthread_cond_t (40 and 48
 * bytes on x86-64 glibc, 48 and 48 on aarch64). */
typedef struct { _Alignas(16) char bytes[64]; } opaque;
typedef unsigned long thread_id;

int pthread_mutex_init(opaque *, const void *);
int pthread_mutex_lock(opaque *);
int pthread_mutex_unlock(opaque *);
int pthread_cond_init(opaque *, const void *);
int pthread_cond_wait(opaque *, opaque *);
int pthread_cond_broadcast(opaque *);
int pthread_create(thread_id *, const void *, void *(*)(void *), void *);
int pthread_join(thread_id, void **);

enum { kMaxThreads = 64, kSpins = 20000 };
enum { kUnstarted, kStarting, kReady, kStopped };

static struct {
  int state;             /* kUnstarted -> kStarting -> kReady */
  int busy;              /* 1 while a caller owns the pool */
  int workers;           /* threads started besides the caller */
  int stop;
  long generation;       /* bumped once per loop */
  int pending;           /* workers still running the current loop */
  int sleepers;          /* workers waiting on `wake` */
  graphc_task task;
  void *ctx;
  int64 n;
  int ranges;            /* ranges the current loop is split into */
  opaque lock, wake, done;
  thread_id ids[kMaxThreads];
} graphc_rt_pool;

#define LOAD(p) __atomic_load_n(p, __ATOMIC_ACQUIRE)
#define STORE(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)

/* A compiler barrier, not the x86 `pause`: the IR must stay portable. */
static void graphc_rt_pause(void) { __asm__ volatile("" ::: "memory"); }

static void graphc_rt_run_range(int index) {
  int64 n = graphc_rt_pool.n, ranges = graphc_rt_pool.ranges;
  int64 first = n * index / ranges, last = n * (index + 1) / ranges;
  if (first < last)
    graphc_rt_pool.task(graphc_rt_pool.ctx, first, last);
}

static void *graphc_rt_worker(void *arg) {
  int index = (int)(long)arg; /* 1 .. workers */
  long seen = 0;
  for (;;) {
    /* Wait for a new loop: spin, then sleep. */
    int spins = 0;
    while (LOAD(&graphc_rt_pool.generation) == seen && !LOAD(&graphc_rt_pool.stop)) {
      if (++spins < kSpins) {
        graphc_rt_pause();
        continue;
      }
      pthread_mutex_lock(&graphc_rt_pool.lock);
      graphc_rt_pool.sleepers++;
      while (LOAD(&graphc_rt_pool.generation) == seen && !LOAD(&graphc_rt_pool.stop))
        pthread_cond_wait(&graphc_rt_pool.wake, &graphc_rt_pool.lock);
      graphc_rt_pool.sleepers--;
      pthread_mutex_unlock(&graphc_rt_pool.lock);
    }
    if (LOAD(&graphc_rt_pool.stop))
      return 0;
    seen = LOAD(&graphc_rt_pool.generation);
    if (index < graphc_rt_pool.ranges)
      graphc_rt_run_range(index);
    if (__atomic_sub_fetch(&graphc_rt_pool.pending, 1, __ATOMIC_ACQ_REL) == 0) {
      pthread_mutex_lock(&graphc_rt_pool.lock);
      pthread_cond_broadcast(&graphc_rt_pool.done);
      pthread_mutex_unlock(&graphc_rt_pool.lock);
    }
  }
}

/* Starts threads - 1 workers once; later callers see kReady. */
static int graphc_rt_start(int threads) {
  int expected = kUnstarted;
  if (__atomic_compare_exchange_n(&graphc_rt_pool.state, &expected, kStarting,
                                  0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    pthread_mutex_init(&graphc_rt_pool.lock, 0);
    pthread_cond_init(&graphc_rt_pool.wake, 0);
    pthread_cond_init(&graphc_rt_pool.done, 0);
    int workers = 0;
    if (threads > kMaxThreads)
      threads = kMaxThreads;
    for (int i = 1; i < threads; ++i) {
      if (pthread_create(&graphc_rt_pool.ids[workers], 0, graphc_rt_worker,
                         (void *)(long)i) != 0)
        break;
      ++workers;
    }
    graphc_rt_pool.workers = workers;
    STORE(&graphc_rt_pool.state, kReady);
  }
  return LOAD(&graphc_rt_pool.state) == kReady;
}

void graphc_rt_parallel_for(graphc_task task, void *ctx, int64 n,
                            int threads) {
  int idle = 0;
  if (n < 2 || threads < 2 || !graphc_rt_start(threads) ||
      graphc_rt_pool.workers == 0 ||
      !__atomic_compare_exchange_n(&graphc_rt_pool.busy, &idle, 1, 0,
                                   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    task(ctx, 0, n);
    return;
  }
  int workers = graphc_rt_pool.workers;
  graphc_rt_pool.task = task;
  graphc_rt_pool.ctx = ctx;
  graphc_rt_pool.n = n;
  graphc_rt_pool.ranges = (n < workers + 1) ? (int)n : workers + 1;
  STORE(&graphc_rt_pool.pending, workers);
  pthread_mutex_lock(&graphc_rt_pool.lock);
  __atomic_add_fetch(&graphc_rt_pool.generation, 1, __ATOMIC_ACQ_REL);
  if (graphc_rt_pool.sleepers)
    pthread_cond_broadcast(&graphc_rt_pool.wake);
  pthread_mutex_unlock(&graphc_rt_pool.lock);

  graphc_rt_run_range(0);

  int spins = 0;
  while (LOAD(&graphc_rt_pool.pending) != 0) {
    if (++spins < kSpins) {
      graphc_rt_pause();
      continue;
    }
    pthread_mutex_lock(&graphc_rt_pool.lock);
    while (LOAD(&graphc_rt_pool.pending) != 0)
      pthread_cond_wait(&graphc_rt_pool.done, &graphc_rt_pool.lock);
    pthread_mutex_unlock(&graphc_rt_pool.lock);
  }
  STORE(&graphc_rt_pool.busy, 0);
}

/* On unload (dlclose, exit) the workers stop before their code goes. */
__attribute__((destructor)) static void graphc_rt_stop(void) {
  if (LOAD(&graphc_rt_pool.state) != kReady)
    return;
  pthread_mutex_lock(&graphc_rt_pool.lock);
  STORE(&graphc_rt_pool.stop, 1);
  pthread_cond_broadcast(&graphc_rt_pool.wake);
  pthread_mutex_unlock(&graphc_rt_pool.lock);
  for (int i = 0; i < graphc_rt_pool.workers; ++i)
    pthread_join(graphc_rt_pool.ids[i], 0);
  STORE(&graphc_rt_pool.state, kStopped);
}
