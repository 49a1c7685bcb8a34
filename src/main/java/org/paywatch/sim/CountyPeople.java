package org.paywatch.sim;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.paywatch.contract.ContactRole;
import org.paywatch.contract.ProjectContact;

/**
 * Made-up people for the projects' contacts: common names, and mobile numbers from the block
 * 138-0000-xxxx, which anyone can tell is made up (as 555 numbers are in American films), so that a
 * demo pointed at a real SMS gateway by mistake texts nobody it should not. Unique within one simulation.
 */
final class CountyPeople {
    private static final String FICTIONAL_BLOCK = "1380000";
    private static final int BLOCK_SIZE = 10_000;
    private static final String[] SURNAMES = {
        "张", "王", "李", "赵", "刘", "陈", "杨", "马", "周", "吴", "徐", "孙", "朱", "胡", "郭", "何", "高", "罗", "梁", "宋", "谢", "韩",
        "冯", "邓"
    };
    private static final String[] GIVEN_NAMES = {
        "建国", "志强", "秀英", "海燕", "永红", "立新", "晓东", "玉兰", "文博", "国庆", "春梅", "明辉", "德华", "桂芳", "红霞", "振华", "国栋", "丽娟",
        "继军", "宏伟", "小军", "彦平", "学军", "金花"
    };

    private final Random random;
    private final Set<String> phones = new HashSet<>();

    CountyPeople(Random random) {
        this.random = random;
    }

    ProjectContact contact(ContactRole role) {
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)];
        return new ProjectContact(role, name, phone());
    }

    private String phone() {
        if (phones.size() == BLOCK_SIZE) {
            throw new IllegalStateException(
                    "the fictional block has no more numbers: " + BLOCK_SIZE + " contacts at most");
        }
        while (true) {
            String phone = FICTIONAL_BLOCK + String.format("%04d", random.nextInt(BLOCK_SIZE));
            if (phones.add(phone)) {
                return phone;
            }
        }
    }
}
