package cn.shangliang.bench;

import cn.shangliang.consultation.Topic;
import cn.shangliang.matching.Concern;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates realistic open topics and concerns for benchmarks by recombining subjects, problems, spots and wordings of
 * community affairs over 18 towns and their villages. Deterministic for a seed.
 */
public final class TopicGenerator {

    static final List<String> TOWNS = List.of(
            "澄江街道", "南闸街道", "云亭街道", "夏港街道", "申港街道", "利港街道", "璜土镇", "月城镇", "青阳镇", "徐霞客镇", "华士镇", "周庄镇", "新桥镇", "长泾镇",
            "顾山镇", "祝塘镇", "高新区", "临港街道");

    private static final String[] FIRST = {
        "东", "西", "南", "北", "新", "红", "桥", "河", "山", "湖", "花", "石", "长", "观", "龙", "凤"
    };
    private static final String[] SECOND = {"庄", "塘", "泾", "港", "桥", "湾", "园", "林", "浜", "圩", "墩", "头"};

    private static final String[] SUBJECTS = {
        "路灯", "垃圾桶", "水泥路", "老桥护栏", "电梯", "停车位", "公交站", "幼儿园学位", "养老院床位", "卫生室", "菜市场", "广场舞音响", "排水沟", "自来水", "宽带网络",
        "快递", "健身器材", "公共厕所", "流浪狗", "充电桩", "河道", "池塘护栏", "老年活动室", "物业服务", "违章搭建", "油烟", "工厂噪音", "养殖场", "农田灌溉", "监控探头",
        "红绿灯", "人行道", "绿化带", "消防通道", "危旧房屋", "便民服务中心", "助餐点", "儿童乐园", "篮球场", "农贸市场"
    };
    private static final String[] PROBLEMS = {
        "坏了没人修", "数量不够", "离得太远", "晚上太吵", "臭味很大", "经常堵塞", "长期没人管", "存在安全隐患", "收费太高", "开放时间太短", "年久失修", "被占用", "设置不合理",
        "一直没有解决", "影响出行"
    };
    private static final String[] SPOTS = {"村口", "主路", "小区门口", "学校旁边", "河边", "菜场附近", "老街", "新村", "东片", "西片"};
    private static final String[] WORDINGS = {
        "%s的%s%s，居民反映多次，希望尽快处理。",
        "%s一带%s%s，老人孩子出行不方便，建议村里协调解决。",
        "最近%s的%s%s，大家意见很大，希望有关部门来看看。",
        "%s%s%s已经很久了，给周边住户生活带来影响，请求整改。"
    };

    private final SplittableRandom random;

    public TopicGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    static List<String> villages(String town) {
        List<String> out = new ArrayList<>();
        int n = 10 + Math.floorMod(town.hashCode(), 8);
        for (int i = 0; i < n; i++) {
            String name = FIRST[(i * 7 + town.length()) % FIRST.length]
                    + SECOND[(i * 5 + town.hashCode() & 0xff) % SECOND.length];
            out.add(name + (i % 3 == 0 ? "社区" : "村"));
        }
        return out;
    }

    public List<Topic> topics(int count) {
        List<Topic> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String town = pick(TOWNS);
            boolean townLevel = random.nextInt(6) == 0;
            String village = townLevel ? "" : pick(villages(town));
            String subject = pick(SUBJECTS);
            String problem = pick(PROBLEMS);
            String spot = pick(SPOTS);
            String title = spot + subject + problem;
            String text = String.format(pick(WORDINGS), spot, subject, problem);
            out.add(new Topic(
                    "B-" + i,
                    town,
                    village,
                    townLevel ? Topic.Level.TOWN : Topic.Level.VILLAGE,
                    title,
                    text,
                    Topic.Status.RECEIVED));
        }
        return out;
    }

    public Concern concern() {
        String town = pick(TOWNS);
        String village = random.nextInt(10) == 0 ? "" : pick(villages(town));
        String text = pick(SPOTS) + "那边" + pick(SUBJECTS) + pick(PROBLEMS) + "，能不能管一管";
        return new Concern(town, village, text);
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private String pick(String[] array) {
        return array[random.nextInt(array.length)];
    }
}
