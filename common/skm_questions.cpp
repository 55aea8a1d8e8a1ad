// The questionnaire's wording follows the sample questionnaire of PermenPAN-RB 14/2017; the
// English is a plain translation for visitors who switch the page to English.
#include "common/skm_questions.hpp"

namespace hall::skm {

namespace {

constexpr std::array<Element, kElementCount> kElements{{
    {"U1", "Persyaratan", "Requirements",
     "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
     "How well did the requirements fit the service?",
     {"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"},
     {"Not suitable", "Less suitable", "Suitable", "Very suitable"}},
    {"U2", "Sistem, Mekanisme dan Prosedur", "System, Mechanism and Procedure",
     "Bagaimana pendapat Anda tentang kemudahan prosedur pelayanan di unit ini?",
     "How easy was the procedure of this service?",
     {"Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"},
     {"Not easy", "Not very easy", "Easy", "Very easy"}},
    {"U3", "Waktu Penyelesaian", "Completion Time",
     "Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?",
     "How fast was the service?",
     {"Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"},
     {"Not fast", "Not very fast", "Fast", "Very fast"}},
    {"U4", "Biaya/Tarif", "Cost/Fee",
     "Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?",
     "How fair was the cost or fee of the service?",
     {"Sangat mahal", "Cukup mahal", "Murah", "Gratis"},
     {"Very expensive", "Rather expensive", "Cheap", "Free"}},
    {"U5", "Produk Spesifikasi Jenis Pelayanan", "Service Product Specification",
     "Bagaimana pendapat Anda tentang kesesuaian produk pelayanan antara yang tercantum dalam standar "
     "pelayanan dengan hasil yang diberikan?",
     "How well did what you received match the service standard?",
     {"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"},
     {"Not suitable", "Less suitable", "Suitable", "Very suitable"}},
    {"U6", "Kompetensi Pelaksana", "Staff Competence",
     "Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam pelayanan?",
     "How competent was the officer who served you?",
     {"Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"},
     {"Not competent", "Less competent", "Competent", "Very competent"}},
    {"U7", "Perilaku Pelaksana", "Staff Behaviour",
     "Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
     "How polite and friendly was the officer?",
     {"Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"},
     {"Not polite or friendly", "Not very polite or friendly", "Polite and friendly", "Very polite and friendly"}},
    {"U8", "Penanganan Pengaduan, Saran dan Masukan", "Handling of Complaints and Suggestions",
     "Bagaimana pendapat Anda tentang penanganan pengaduan pengguna layanan?",
     "How are complaints from service users handled?",
     {"Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"},
     {"There is none", "Exists but does not work", "Works, but not fully", "Well managed"}},
    {"U9", "Sarana dan Prasarana", "Facilities and Infrastructure",
     "Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?",
     "How good are the facilities?",
     {"Buruk", "Cukup", "Baik", "Sangat baik"},
     {"Poor", "Fair", "Good", "Very good"}},
}};

constexpr Choice kSex[] = {{"l", "Laki-laki", "Male"}, {"p", "Perempuan", "Female"}};
constexpr Choice kEducation[] = {
    {"sd", "SD ke bawah", "Primary school or less"},
    {"smp", "SMP", "Junior high school"},
    {"sma", "SMA/SMK", "Senior high school"},
    {"diploma", "D1/D2/D3/D4", "Diploma"},
    {"s1", "S1", "Bachelor's degree"},
    {"s2", "S2 ke atas", "Master's degree or higher"},
};
constexpr Choice kOccupation[] = {
    {"pns", "PNS", "Civil servant"},
    {"tni", "TNI", "Armed forces"},
    {"polri", "POLRI", "Police"},
    {"swasta", "Pegawai swasta", "Private employee"},
    {"wirausaha", "Wirausaha", "Self-employed"},
    {"pelajar", "Pelajar/Mahasiswa", "Student"},
    {"lainnya", "Lainnya", "Other"},
};

constexpr std::array<ChoiceField, 3> kChoiceFields{{
    {"sex", "Jenis kelamin", "Sex", kSex, static_cast<int>(std::size(kSex))},
    {"education", "Pendidikan terakhir", "Education", kEducation, static_cast<int>(std::size(kEducation))},
    {"occupation", "Pekerjaan utama", "Occupation", kOccupation, static_cast<int>(std::size(kOccupation))},
}};

}  // namespace

const std::array<Element, kElementCount>& elements() { return kElements; }
const std::array<ChoiceField, 3>& choice_fields() { return kChoiceFields; }

bool is_choice(std::string_view field_key, std::string_view value) {
    for (const ChoiceField& f : kChoiceFields) {
        if (f.key != field_key) continue;
        for (int i = 0; i < f.count; ++i)
            if (f.choices[i].value == value) return true;
    }
    return false;
}

}  // namespace hall::skm
