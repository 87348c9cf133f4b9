import { isIanaTimeZone, isUuid } from './validate';

describe('isIanaTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Europe/Paris', true],
    ['America/New_York', true],
    ['Asia/Seoul', true],
    ['EST', false],
    ['Mars/Olympus', false],
    ['', false],
  ])('%s → %s', (zone, valid) => expect(isIanaTimeZone(zone)).toBe(valid));
});

describe('isUuid', () => {
  it.each([
    ['7df90fef-1ae5-4ed3-8e0c-3c7f76aeb3f5', true],
    ['7DF90FEF-1AE5-4ED3-8E0C-3C7F76AEB3F5', true],
    ['7df90fef1ae54ed38e0c3c7f76aeb3f5', false],
    ["' OR 1=1 --", false],
  ])('%s → %s', (id, valid) => expect(isUuid(id)).toBe(valid));
});
