import { describe, expect, it } from 'vitest';
import { defineComponent, effectScope, h } from 'vue';
import { mount } from '@vue/test-utils';
import { isTargetsError } from '@livetargets/core';
import { createTargetsPlugin, provideTargetsClient, useTargetsClient } from './context';
import { useTargets } from './index';
import { makeTarget } from '@livetargets/test-utils';
import { createFakeClient } from './testing/fake-client';

describe('provider', () => {
  it('throws without a provider', () => {
    const Child = defineComponent({
      setup() {
        useTargets();
        return () => h('p');
      },
    });
    let thrown: unknown;
    try {
      mount(Child, {
        global: {
          config: {
            errorHandler: (error) => {
              thrown = error;
            },
            // A setup that throws leaves no render function, which Vue warns about.
            warnHandler: () => undefined,
          },
        },
      });
    } catch (error) {
      thrown = error;
    }
    expect(isTargetsError(thrown)).toBe(true);
    expect(String((thrown as Error).message)).toMatch(/^\[livetargets\] No targets client is provided/);
    expect((thrown as Error).message).toContain('app.use(createTargetsPlugin(client))');
    expect((thrown as Error).message).toContain('provideTargetsClient(client)');
  });

  it('throws outside setup', () => {
    const scope = effectScope();
    expect(() => scope.run(() => useTargetsClient())).toThrow(/No targets client is provided/);
    scope.stop();
  });

  it('plugin provides the client', () => {
    const client = createFakeClient([makeTarget({ target_id: 'a', target_name: 'Alpha' })]);
    const Child = defineComponent({
      setup() {
        const { targets } = useTargets();
        return () => h('p', targets.value.map((target) => target.target_name).join(','));
      },
    });
    const wrapper = mount(Child, { global: { plugins: [createTargetsPlugin(client)] } });
    expect(wrapper.text()).toBe('Alpha');
    wrapper.unmount();
  });

  it('provideTargetsClient reaches descendants', () => {
    const client = createFakeClient([makeTarget({ target_id: 'b', target_name: 'Beta' })]);
    const Child = defineComponent({
      setup() {
        const { targets } = useTargets();
        return () => h('p', targets.value.map((target) => target.target_name).join(','));
      },
    });
    const Parent = defineComponent({
      setup() {
        provideTargetsClient(client);
        return () => h('div', [h(Child)]);
      },
    });
    const wrapper = mount(Parent);
    expect(wrapper.text()).toBe('Beta');
    wrapper.unmount();
  });

  it('rejects a value that is not a client', () => {
    expect(() => createTargetsPlugin({} as never)).toThrow(
      /^\[livetargets\] createTargetsPlugin received a value without getSnapshot, subscribe, getServerSnapshot, refresh/,
    );
    expect(() => createTargetsPlugin(null as never)).toThrow(/createTargetsClient/);
  });
});
